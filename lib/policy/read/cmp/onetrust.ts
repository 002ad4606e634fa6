/**
 * OneTrust (OptAnon / CookiePro / cookielaw.org) declarations, as JSON:
 * - the language file `/consent/<domainId>/<rulesetId>/<lang>.json`: `{DomainData: {Groups: [...]}}`, each group
 *   with `GroupName`, `FirstPartyCookies[]` and `Hosts[].Cookies[]`;
 * - the legacy inline object of `/consent/<uuid>.js` (as JSON): `{Groups: [...]}`, each group with
 *   `GroupLanguagePropertiesSets[0].GroupName.Text` and `Cookies[]`; third-party hosts are child groups named
 *   after the host, whose `Parent` carries the category;
 * - the ruleset `/consent/<domainId>/<domainId>.json` holds no cookies, only where the language files are
 *   (`oneTrustLanguageUrls`).
 * Field by field: ../shared/data/cmp-samples/README.md, section 2.
 */
import type { Declaration, Purpose } from '../../../types';
import { purposeOfCategory } from '../purpose';
import { arrayOf, boundText, DeclarationBuilder, isRecord, nameStr, parseJson, str } from './declaration';

const DAY = 86400;
const MAX_GROUPS = 500;

// Group ids as a fallback when the site's group name names no purpose. C0001..C0005 are the ids current
// tenants use; "1".."4" and "8" are the legacy OptanonGroupId defaults, as both 2020 samples (metabomb, aveda) show.
const GROUP_IDS = new Map<string, Purpose>([
  ['C0001', 'essential'],
  ['C0002', 'analytics'], // "Performance Cookies"
  ['C0003', 'functional'],
  ['C0004', 'advertising'], // "Targeting Cookies"
  ['C0005', 'advertising'], // "Social Media Cookies"
  ['1', 'essential'],
  ['2', 'analytics'],
  ['3', 'functional'],
  ['4', 'advertising'],
  ['8', 'advertising'],
]);

export function parseOneTrust(text: string, sourceUrl: string): Declaration {
  const b = new DeclarationBuilder('onetrust');
  const t = boundText(text, b);
  const json = parseJson(t);
  if (!isRecord(json)) {
    b.warn('not a OneTrust JSON object');
    return b.finish(sourceUrl);
  }
  const data = isRecord(json.DomainData) ? json.DomainData : json;
  if (Array.isArray(data.Groups)) {
    readGroups(b, data.Groups);
    // The site turned on OneTrust's Do Not Track option (the JSON file names it IsDntEnable, the legacy object
    // IsDntEnabled): with DNT on, the categories set to honour it start switched off.
    if (data.IsDntEnable === true || data.IsDntEnabled === true || data.IsDntEnabled === '1') {
      b.statements = {
        ...b.statements,
        dnt: { stance: 'honored', sentence: 'OneTrust configuration: Do Not Track enabled (IsDntEnabled).' },
      };
    }
  } else if (Array.isArray(json.RuleSet)) {
    b.warn('this is the ruleset file; the cookies are in its language files');
  } else {
    b.warn('no cookie groups');
  }
  return b.finish(sourceUrl);
}

/**
 * From the ruleset file (`.../consent/<domainId>/<domainId>.json`) to the language files that hold the cookies
 * (`.../consent/<domainId>/<rulesetId>/<lang>.json`), default language of each ruleset, default ruleset first.
 */
export function oneTrustLanguageUrls(text: string, rulesetUrl: string): string[] {
  const json = typeof text === 'string' && text.length <= 1_000_000 ? parseJson(text) : undefined;
  if (!isRecord(json)) return [];
  const rulesets = arrayOf(json.RuleSet).filter(isRecord).slice(0, 50);
  rulesets.sort((x, y) => Number(y.Default === true) - Number(x.Default === true));
  const urls: string[] = [];
  for (const r of rulesets) {
    const id = str(r.Id);
    const placeholder = isRecord(r.LanguageSwitcherPlaceholder) ? r.LanguageSwitcherPlaceholder : {};
    const lang = str(placeholder.default) ?? 'en';
    // Both go into a URL path: accept only the shapes OneTrust uses.
    if (!id || !/^[0-9a-f-]{8,64}$/i.test(id) || !/^[a-z]{2,3}(?:-[a-z0-9]{2,4})?$/i.test(lang)) continue;
    try {
      // Same scheme as the ruleset (OneTrust's CDNs are https; never a downgrade, never another scheme).
      const url = new URL(`${id}/${lang}.json`, rulesetUrl);
      const base = new URL(rulesetUrl);
      if (url.protocol === base.protocol && /^https?:$/.test(url.protocol) && !urls.includes(url.href)) urls.push(url.href);
    } catch {
      return [];
    }
  }
  return urls;
}

interface Group {
  name: string | null;
  id: string | null;
  parentName: string | null;
  parentId: string | null;
  /** Legacy child groups are named after a third-party host, not a category. */
  isHostGroup: boolean;
  legacy: boolean;
  raw: Record<string, unknown>;
}

function readGroups(b: DeclarationBuilder, list: unknown[]): void {
  const groups = list.filter(isRecord).slice(0, MAX_GROUPS).map(readGroup);
  const byId = new Map<string, Group>();
  for (const g of groups) if (g.id && !byId.has(g.id)) byId.set(g.id, g);
  for (const g of groups) {
    // Newer files give Parent as the parent's id; legacy ones embed the whole parent group.
    const parent = g.parentName === null && g.parentId ? byId.get(g.parentId) : undefined;
    const parentName = g.parentName ?? parent?.name ?? null;
    const parentId = g.parentId;
    const label = g.isHostGroup ? parentName : (g.name ?? parentName);
    const purpose =
      (g.isHostGroup ? null : purposeOfCategory(g.name)) ??
      purposeOfCategory(parentName) ??
      (g.id ? GROUP_IDS.get(g.id) : undefined) ??
      (parentId ? GROUP_IDS.get(parentId) : undefined) ??
      'unknown';
    const provider = g.isHostGroup ? g.name : null;
    for (const c of arrayOf(g.raw.FirstPartyCookies).concat(arrayOf(g.raw.Cookies))) {
      addCookie(b, c, label, purpose, provider, null, g.legacy);
    }
    for (const host of arrayOf(g.raw.Hosts)) {
      if (!isRecord(host)) continue;
      const hostName = str(host.DisplayName) ?? str(host.HostName);
      for (const c of arrayOf(host.Cookies)) addCookie(b, c, label, purpose, hostName, str(host.HostName), g.legacy);
    }
  }
}

function readGroup(raw: Record<string, unknown>): Group {
  const legacy = Array.isArray(raw.GroupLanguagePropertiesSets);
  const parent = raw.Parent;
  return {
    name: legacy ? legacyName(raw) : str(raw.GroupName),
    id: groupId(raw),
    parentName: isRecord(parent) ? legacyName(parent) : null,
    parentId: isRecord(parent) ? groupId(parent) : parent === 'null' ? null : str(parent),
    isHostGroup: isRecord(parent),
    legacy,
    raw,
  };
}

function legacyName(group: Record<string, unknown>): string | null {
  const sets = arrayOf(group.GroupLanguagePropertiesSets);
  const first = isRecord(sets[0]) ? sets[0] : {};
  return isRecord(first.GroupName) ? str(first.GroupName.Text) : null;
}

function groupId(group: Record<string, unknown>): string | null {
  const custom = str(group.CustomGroupId);
  if (custom && /^C\d{4}$/.test(custom)) return custom;
  return str(group.OptanonGroupId);
}

function addCookie(
  b: DeclarationBuilder,
  c: unknown,
  label: string | null,
  purpose: Purpose,
  provider: string | null,
  fallbackDomain: string | null,
  legacy: boolean,
): void {
  if (!isRecord(c)) return;
  const name = nameStr(c.Name);
  if (!name) return;
  const [durationSeconds, durationAsWritten] = lifespan(c, legacy);
  b.addCookie({
    name,
    purposeAsWritten: label,
    purpose,
    durationSeconds,
    durationAsWritten,
    provider,
    domain: str(c.Host) ?? fallbackDomain,
  });
}

/**
 * `Length` is whole days, as a string; "0" means session or less than a day. In the JSON files `IsSession`
 * tells which. In the legacy object it reads the other way round: OptanonConsent has IsSession "1" with
 * Length "365", while s_sess, laravel_session and LPSessionID have IsSession "0" with Length "0" (aveda sample).
 */
function lifespan(c: Record<string, unknown>, legacy: boolean): [number | null, string | null] {
  const length = str(c.Length);
  // Days as digits; anything else (or absurd lengths past 9 digits) is not understood.
  const days = length !== null && /^\d{1,9}$/.test(length) ? Number(length) : 0;
  const flag = c.IsSession === true || c.IsSession === '1' || c.IsSession === 'true';
  const session = legacy ? !flag : flag;
  if (days > 0) return [Math.round(days * DAY), `${days} day${days === 1 ? '' : 's'}`];
  if (session) return [0, 'Session'];
  if (length === null) return [null, null];
  return [null, /^\d+$/.test(length) ? `${length.slice(0, 20)} days` : length];
}
