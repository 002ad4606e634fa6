/**
 * Cookiebot's `cc.js` (`https://consent.cookiebot.com/<cbid>/cc.js?referer=<host>`): the declaration is a set
 * of script assignments, read here as literals, never run:
 *
 *   CookieConsentDialog.cookieTableNecessary = [[name, host, purpose, expiry, type, typeId, nameRegex, providerDomain], ...];
 *   CookieConsentDialog.cookieTableNecessaryCount = 6;
 *   CookieConsentDialog.cookieHeaderTypeNecessary = 'Necessary ({0})';
 *   CookieConsentDialog.privacyPolicies = [[providerDomain, providerName, policyUrl], ...];
 *
 * Field by field: ../shared/data/cmp-samples/README.md, section 1.
 */
import type { Declaration, Purpose } from '../../../types';
import { arrayOf, boundText, DeclarationBuilder, nameStr, str } from './declaration';
import { readJsValue, type JsonValue as Literal } from '../js-object';

// The table decides the purpose; the per-row purpose text is often just "Pending".
const TABLES: Array<[string, Purpose]> = [
  ['Necessary', 'essential'],
  ['Preference', 'functional'],
  ['Statistics', 'analytics'],
  ['Advertising', 'advertising'],
  ['Unclassified', 'unknown'],
];

/** Several hosts or provider domains in one cell are joined with `<br/>`. */
const BR = /<br\s*\/?>/i;

export function parseCookiebot(text: string, sourceUrl: string): Declaration {
  const b = new DeclarationBuilder('cookiebot');
  const t = boundText(text, b);
  const providers = providerNames(assigned(t, 'CookieConsentDialog.privacyPolicies'));
  let tables = 0;
  let pixels = 0;
  for (const [table, purpose] of TABLES) {
    const rows = assigned(t, `CookieConsentDialog.cookieTable${table}`);
    if (rows === undefined) continue;
    if (!Array.isArray(rows)) {
      b.warn(`cookieTable${table} could not be read`);
      continue;
    }
    tables++;
    const header = assigned(t, `CookieConsentDialog.cookieHeaderType${table}`);
    // 'Necessary ({0})' is the localized category label with a placeholder for the count.
    const label = (typeof header === 'string' ? header.replace(/\s*\(\{0\}\)\s*$/, '').trim() : '') || table;
    let entries = 0;
    for (const row of rows) {
      const r = readRow(row);
      if (!r) {
        b.warn(`a row of cookieTable${table} is not a list of fields`);
        continue;
      }
      entries += Math.max(1, r.hosts.length);
      if (r.type === 'pixel') {
        pixels++;
      } else if (r.type === 'storage') {
        b.addStorage(r.name, label, purpose);
      } else {
        if (r.type === 'other') b.warn(`unknown type "${r.typeName}" for "${r.name}"; read as a cookie`);
        addCookieRow(b, r, label, purpose, providers);
      }
    }
    // Cookiebot counts (name, host) pairs; a mismatch means rows we could not read.
    const count = assigned(t, `CookieConsentDialog.cookieTable${table}Count`);
    if (typeof count === 'number' && count !== entries) {
      b.warn(`cookieTable${table}Count says ${count}, the table holds ${entries}`);
    }
  }
  if (pixels > 0) b.warn(`${pixels} pixel entries left out (tracker requests, not cookies)`);
  if (tables === 0) {
    const domainWarning = assigned(t, 'CookieConsent.cookiedomainwarning');
    b.warn(
      typeof domainWarning === 'string' && domainWarning
        ? `no cookie tables; Cookiebot says: ${domainWarning.slice(0, 200)}`
        : 'no cookie tables (fetched without the site as Referer, or out of region?)',
    );
  }
  return b.finish(sourceUrl);
}

interface Row {
  name: string;
  hosts: string[];
  expiry: string | null;
  type: 'cookie' | 'storage' | 'pixel' | 'other';
  typeName: string;
  regex: string | null;
  providerDomains: string[];
}

function readRow(row: Literal): Row | null {
  if (!Array.isArray(row) || row.length < 1) return null;
  const field = (i: number) => str(row[i]);
  const name = nameStr(row[0]);
  if (!name) return null;
  const typeName = field(4) ?? '';
  const typeId = field(5) ?? '';
  return {
    name,
    hosts: splitCell(nameStr(row[1])),
    expiry: field(3),
    type: typeOf(typeName, typeId),
    typeName,
    regex: nameStr(row[6]),
    providerDomains: splitCell(nameStr(row[7])),
  };
}

// Type ids seen in cc.js: "1" HTTP (cookie), "2" HTML (local/session storage), "5" Pixel. Cookiebot also lists
// IndexedDB ("IDB"), which is storage too.
function typeOf(name: string, id: string): Row['type'] {
  const n = name.toLowerCase();
  if (n === 'http' || (n === '' && (id === '1' || id === ''))) return 'cookie';
  if (n === 'pixel' || (n === '' && id === '5')) return 'pixel';
  if (n === 'html' || n === 'idb' || (n === '' && id === '2')) return 'storage';
  return 'other';
}

function addCookieRow(
  b: DeclarationBuilder,
  r: Row,
  label: string,
  purpose: Purpose,
  providers: Map<string, string>,
): void {
  const hosts = r.hosts.length > 0 ? r.hosts : [null];
  hosts.forEach((host, i) => {
    // Provider domains line up with hosts when both list several; otherwise the first one speaks for all.
    const providerDomain =
      (r.providerDomains.length === hosts.length ? r.providerDomains[i] : r.providerDomains[0]) ?? null;
    b.addCookie({
      name: r.name,
      regex: r.regex,
      purposeAsWritten: label,
      purpose,
      durationAsWritten: r.expiry,
      provider: providerDomain === null ? null : (providers.get(providerDomain) ?? providerDomain),
      domain: host,
    });
  });
}

function splitCell(cell: string | null): string[] {
  if (!cell) return [];
  return cell
    .split(BR)
    .map((s) => s.trim())
    .filter((s) => s.length > 0)
    .slice(0, 20);
}

/** privacyPolicies rows `[domain, name, url]` as a domain -> provider name map. */
function providerNames(value: ReturnType<typeof assigned>): Map<string, string> {
  const map = new Map<string, string>();
  for (const row of arrayOf(value)) {
    if (!Array.isArray(row)) continue;
    const domain = str(row[0]);
    const name = str(row[1]);
    if (domain && name && !map.has(domain)) map.set(domain, name);
  }
  return map;
}

const UNREADABLE = Symbol('unreadable');

/**
 * The literal assigned to `target` (`target = <literal>;`), undefined when there is no such assignment, or
 * UNREADABLE when the value is not a literal we read.
 */
function assigned(text: string, target: string): Literal | undefined | typeof UNREADABLE {
  let from = 0;
  for (;;) {
    const at = text.indexOf(target, from);
    if (at < 0) return undefined;
    from = at + target.length;
    // Skip longer names that start the same (`cookieTableNecessaryCount` when looking for `cookieTableNecessary`).
    if (/[\w$]/.test(text[from] ?? '') || /[\w$]/.test(text[at - 1] ?? '')) continue;
    let i = from;
    while (text[i] === ' ' || text[i] === '\t') i++;
    if (text[i] !== '=' || text[i + 1] === '=') continue;
    const read = readJsValue(text, i + 1);
    return read ? read.value : UNREADABLE;
  }
}
