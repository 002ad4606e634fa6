/**
 * The knowledge base: known cookies from the Open Cookie Database (Apache-2.0, see
 * data/open-cookie-database/) and CookieBlock's known cookies and frequent name patterns (MIT, see
 * data/cookieblock/), compiled at build time into a compact index and looked up by name.
 *
 * The OCD's categories map as its README defines them: Functional and Security (and the few
 * "Necessary" rows) -> essential, Personalization -> functional, Analytics -> analytics,
 * Marketing -> advertising.
 */
import type { Purpose } from '../types';
import { compileName, PatternIndex, type NamePattern } from './pattern';
import { parseDuration } from '../policy/read/duration';
import { siteOfHost } from '../site';

/** One row of the OCD JSON (all values are strings there). */
export interface OcdRow {
  id: string;
  category: string;
  cookie: string;
  domain: string;
  description: string;
  retentionPeriod: string;
  dataController: string;
  privacyLink: string;
  wildcardMatch: string;
}

export type OcdJson = Record<string, OcdRow[]>;

/** Compact serialised index: what ships in the extension. */
export interface KnowledgeIndexData {
  format: 1;
  platforms: string[];
  /** [name, wildcard 0|1, platform index, purpose, retention seconds or -1 when unknown, domain] */
  entries: Array<[string, 0 | 1, number, Purpose, number, string]>;
  /**
   * CookieBlock's known cookies (`known_cookies.json`): [name, domain ('' = any domain), 1 when the domain is a
   * regular expression, purpose]. In CookieBlock's lookup order: any-domain names, exact domains, domain patterns.
   */
  known?: Array<[string, string, 0 | 1, Purpose]>;
  /** CookieBlock's frequent variable-name patterns (`cookie_name_patterns.txt`), regular expressions from our own data. */
  namePatterns?: string[];
}

/** CookieBlock's `known_cookies.json`: class ids 0 necessary, 1 functional, 2 analytics, 3 advertising. */
export interface CookieBlockKnownJson {
  name_match?: Record<string, number>;
  domain_match?: Record<string, Record<string, number>>;
  domain_regex?: Record<string, Record<string, number>>;
}

/** CookieBlock's class ids, in order. */
const COOKIEBLOCK_PURPOSES: readonly Purpose[] = ['essential', 'functional', 'analytics', 'advertising'];

function cookieBlockPurpose(id: number): Purpose {
  return COOKIEBLOCK_PURPOSES[id] ?? 'unknown';
}

/** The CookieBlock part of the index, from `known_cookies.json` and the text of `cookie_name_patterns.txt`. */
export function buildCookieBlockIndex(known: CookieBlockKnownJson, patternsText: string): Pick<KnowledgeIndexData, 'known' | 'namePatterns'> {
  const out: NonNullable<KnowledgeIndexData['known']> = [];
  for (const [name, id] of Object.entries(known.name_match ?? {})) out.push([name, '', 0, cookieBlockPurpose(id)]);
  for (const [domain, names] of Object.entries(known.domain_match ?? {}))
    for (const [name, id] of Object.entries(names)) out.push([name, domain, 0, cookieBlockPurpose(id)]);
  for (const [re, names] of Object.entries(known.domain_regex ?? {}))
    for (const [name, id] of Object.entries(names)) out.push([name, re, 1, cookieBlockPurpose(id)]);
  const namePatterns: string[] = [];
  for (const line of patternsText.split('\n')) {
    // count,percent,cumulative_percent,regex (the regex may itself hold commas)
    const m = /^\s*\d+,[\d.]+,[\d.]+,(.+?)\s*$/.exec(line);
    if (m && isSafePattern(m[1]!)) namePatterns.push(m[1]!);
  }
  return { known: out, namePatterns };
}

/** A pattern we accept to compile: anchored, short, no nested quantifiers (no catastrophic backtracking). */
function isSafePattern(re: string): boolean {
  if (re.length > 200 || !re.startsWith('^')) return false;
  if (/\)[*+?{]/.test(re) && /\([^)]*[*+][^)]*\)/.test(re)) return false;
  try {
    new RegExp(re);
    return true;
  } catch {
    return false;
  }
}

export interface KnownCookie {
  name: string;
  pattern: NamePattern;
  platform: string;
  purpose: Purpose;
  retentionSeconds: number | null;
  domain: string;
}

function purposeOfOcdCategory(category: string): Purpose {
  switch (category.trim().toLowerCase()) {
    case 'functional':
    case 'security':
    case 'necessary':
      return 'essential';
    case 'personalization':
      return 'functional';
    case 'analytics':
      return 'analytics';
    case 'marketing':
      return 'advertising';
    default:
      return 'unknown';
  }
}

/** Build the compact index from the OCD JSON (at build time, and in tests). */
export function buildKnowledgeIndex(ocd: OcdJson): KnowledgeIndexData {
  const platforms: string[] = [];
  const entries: KnowledgeIndexData['entries'] = [];
  for (const [platform, rows] of Object.entries(ocd)) {
    const p = platforms.push(platform.trim()) - 1;
    for (const row of rows) {
      const name = row.cookie.trim();
      if (!name) continue;
      const seconds = parseDuration(row.retentionPeriod).seconds;
      entries.push([
        name,
        row.wildcardMatch === '1' ? 1 : 0,
        p,
        purposeOfOcdCategory(row.category),
        seconds ?? -1,
        row.domain.trim(),
      ]);
    }
  }
  return { format: 1, platforms, entries };
}

/**
 * Provider names as policies write them, mapped to the OCD platforms (and, where a platform is broad,
 * a domain filter). Lower-case keys; matched on word boundaries.
 */
const PROVIDER_ALIASES: Array<{ phrase: RegExp; label: string; platforms: string[]; domain?: string }> = [
  { phrase: /\bgoogle analytics\b|\bga4\b|\buniversal analytics\b/i, label: 'Google Analytics', platforms: ['Google Analytics'] },
  { phrase: /\bgoogle tag manager\b/i, label: 'Google Tag Manager', platforms: ['Google Tag Manager'] },
  { phrase: /\bgoogle ads\b|\badwords\b/i, label: 'Google Ads', platforms: ['Google Ads'] },
  { phrase: /\bdoubleclick\b/i, label: 'DoubleClick', platforms: ['DoubleClick/Google Marketing'] },
  { phrase: /\badsense\b/i, label: 'Google AdSense', platforms: ['Google AdSense'] },
  { phrase: /\brecaptcha\b/i, label: 'Google reCAPTCHA', platforms: ['Google reCAPTCHA'] },
  { phrase: /\bgoogle optimize\b/i, label: 'Google Optimize', platforms: ['Google Optimize'] },
  { phrase: /\bmicrosoft clarity\b/i, label: 'Microsoft Clarity', platforms: ['Microsoft'], domain: 'clarity.ms' },
  { phrase: /\bhotjar\b/i, label: 'Hotjar', platforms: ['Hotjar'] },
  { phrase: /\bmatomo\b|\bpiwik\b/i, label: 'Matomo', platforms: ['Matomo', 'Piwik'] },
  { phrase: /\byoutube\b/i, label: 'YouTube', platforms: ['Youtube'] },
  { phrase: /\bvimeo\b/i, label: 'Vimeo', platforms: ['Vimeo'] },
  { phrase: /\bfacebook pixel\b|\bmeta pixel\b/i, label: 'Facebook Pixel', platforms: ['Facebook'] },
  { phrase: /\blinkedin insight\b/i, label: 'LinkedIn Insight Tag', platforms: ['LinkedIn'] },
  { phrase: /\btiktok pixel\b/i, label: 'TikTok Pixel', platforms: ['TikTok'] },
  { phrase: /\bhubspot\b/i, label: 'HubSpot', platforms: ['HubSpot', 'Hubspot'] },
  { phrase: /\bmixpanel\b/i, label: 'Mixpanel', platforms: ['Mixpanel'] },
  { phrase: /\bamplitude\b/i, label: 'Amplitude', platforms: ['Amplitude'] },
  { phrase: /\bintercom\b/i, label: 'Intercom', platforms: ['Intercom'] },
  { phrase: /\bcrazy ?egg\b/i, label: 'Crazy Egg', platforms: ['Crazy Egg'] },
  { phrase: /\boptimizely\b/i, label: 'Optimizely', platforms: ['Optimizely'] },
  { phrase: /\badobe analytics\b/i, label: 'Adobe Analytics', platforms: ['Adobe Analytics'] },
  { phrase: /\bheap analytics\b/i, label: 'Heap Analytics', platforms: ['Heap Analytics'] },
  { phrase: /\bplausible\b/i, label: 'Plausible Analytics', platforms: ['Plausible Analytics'] },
  { phrase: /\bfathom analytics\b/i, label: 'Fathom Analytics', platforms: ['Fathom Analytics'] },
  { phrase: /\bcloudflare\b/i, label: 'Cloudflare', platforms: ['CloudFlare', 'Cloudflare'] },
  { phrase: /\bstripe\b/i, label: 'Stripe', platforms: ['Stripe'] },
  { phrase: /\bzendesk\b/i, label: 'Zendesk', platforms: ['Zendesk'] },
  { phrase: /\bsentry\b/i, label: 'Sentry', platforms: [] },
  { phrase: /\bconvert(?:\.com| insights)\b/i, label: 'Convert', platforms: ['Convert Insights'] },
  { phrase: /\byandex ?metri[ck]a\b/i, label: 'Yandex.Metrica', platforms: ['Yandex.Metrica'] },
  { phrase: /\bsnowplow\b/i, label: 'Snowplow', platforms: ['Snowplow'] },
  { phrase: /\bsegment\.(?:com|io)\b/i, label: 'Segment', platforms: [] },
];

export interface ProviderMention {
  label: string;
  platforms: string[];
  domain?: string;
  /** character offset of the first mention */
  at: number;
}

/** Providers named in a text, first mention each, in order of appearance. */
export function findProviderMentions(text: string): ProviderMention[] {
  const out: ProviderMention[] = [];
  for (const alias of PROVIDER_ALIASES) {
    const m = alias.phrase.exec(text);
    if (m) out.push({ label: alias.label, platforms: alias.platforms, domain: alias.domain, at: m.index });
  }
  return out.sort((a, b) => a.at - b.at);
}

/** Counts of known cookies per purpose: essential, functional, analytics, advertising. */
export type PurposeCounts = readonly [number, number, number, number];

export class KnowledgeBase {
  private readonly index = new PatternIndex<KnownCookie[]>();
  private readonly byPlatform = new Map<string, KnownCookie[]>();
  /** CookieBlock: names known on any domain; per exact domain; per domain pattern. */
  private readonly cbAnyDomain = new Map<string, Purpose>();
  private readonly cbByDomain = new Map<string, Map<string, Purpose>>();
  private readonly cbByDomainPattern: Array<[RegExp, Map<string, Purpose>]> = [];
  /** Cookie domain as given -> the CookieBlock names that apply to it (null: none), cached: domains repeat. */
  private readonly cbNamesOfDomain = new Map<string, Map<string, Purpose> | null>();
  private readonly namePatterns: RegExp[] = [];
  /** All name patterns in one alternation: most names match none, and one test says so. */
  private namePatternsAny: RegExp | null = null;
  /** Registrable domain -> how many OCD cookies of each purpose are set from it (third-party trackers and others). */
  private readonly domainPurposes = new Map<string, number[]>();

  constructor(data: KnowledgeIndexData) {
    const patterns = new Map<string, Map<string, Purpose>>();
    for (const [name, domain, isPattern, purpose] of data.known ?? []) {
      if (domain === '') this.cbAnyDomain.set(name, purpose);
      else if (isPattern === 0) {
        const key = domain.toLowerCase();
        const names = this.cbByDomain.get(key) ?? new Map<string, Purpose>();
        names.set(name, purpose);
        this.cbByDomain.set(key, names);
      } else {
        const names = patterns.get(domain) ?? new Map<string, Purpose>();
        names.set(name, purpose);
        patterns.set(domain, names);
      }
    }
    for (const [re, names] of patterns) this.cbByDomainPattern.push([new RegExp(re), names]);
    for (const p of data.namePatterns ?? []) this.namePatterns.push(new RegExp(p));
    if (this.namePatterns.length > 0) this.namePatternsAny = new RegExp(this.namePatterns.map((re) => `(?:${re.source})`).join('|'));
    const grouped = new Map<string, KnownCookie[]>();
    for (const [name, wildcard, p, purpose, seconds, domain] of data.entries) {
      const platform = data.platforms[p] ?? 'unknown';
      const pattern: NamePattern | null =
        wildcard === 1 ? compileWildcard(name) : { match: 'exact', pattern: name };
      if (!pattern) continue;
      const known: KnownCookie = {
        name,
        pattern,
        platform,
        purpose,
        retentionSeconds: seconds < 0 ? null : seconds,
        domain,
      };
      const key = `${pattern.match}\u0000${pattern.pattern}`;
      const list = grouped.get(key);
      if (list) list.push(known);
      else {
        grouped.set(key, [known]);
        this.index.add(pattern, grouped.get(key)!);
      }
      const mine = this.byPlatform.get(platform);
      if (mine) mine.push(known);
      else this.byPlatform.set(platform, [known]);
      const slot = PURPOSE_SLOT[purpose];
      if (slot !== undefined && domain) {
        // Free text: `doubleclick.net (3rd party)`, `.bing.com (3rd party) or .microsoft.com (3rd party)`.
        for (const host of domain.toLowerCase().match(/[a-z0-9-]+(?:\.[a-z0-9-]+)+/g) ?? []) {
          const site = siteOfHost(host);
          if (!site) continue;
          const counts = this.domainPurposes.get(site) ?? [0, 0, 0, 0];
          counts[slot]!++;
          this.domainPurposes.set(site, counts);
        }
      }
    }
    this.index.freeze();
  }

  /**
   * CookieBlock's verdict for a cookie, in its own lookup order: the name on any domain, then the name on the
   * cookie's exact domain (leading `.` and `www.` stripped), then the first domain pattern that matches.
   */
  knownByCookieBlock(name: string, cookieDomain: string): Purpose | undefined {
    const any = this.cbAnyDomain.get(name);
    if (any) return any;
    if (this.cbByDomain.size === 0 && this.cbByDomainPattern.length === 0) return undefined;
    let names = this.cbNamesOfDomain.get(cookieDomain);
    if (names === undefined) {
      names = this.cbNamesOf(cookieDomain);
      if (this.cbNamesOfDomain.size >= 10_000) this.cbNamesOfDomain.clear();
      this.cbNamesOfDomain.set(cookieDomain, names);
    }
    return names?.get(name);
  }

  /** CookieBlock's names for a cookie domain: its exact domain's, else the first matching domain pattern's. */
  private cbNamesOf(cookieDomain: string): Map<string, Purpose> | null {
    const d = cookieDomain.replace(/^\./, '').replace(/^www\./, '').toLowerCase();
    const names = this.cbByDomain.get(d);
    if (names) return names;
    for (const [re, byName] of this.cbByDomainPattern) if (re.test(d)) return byName;
    return null;
  }

  /** The index of the first CookieBlock name pattern the name matches, or -1. */
  namePatternOf(name: string): number {
    if (!this.namePatternsAny?.test(name)) return -1;
    for (let i = 0; i < this.namePatterns.length; i++) if (this.namePatterns[i]!.test(name)) return i;
    return -1;
  }

  /** How many known cookies of each purpose the registrable domain sets (per the OCD's domain column), if any. */
  purposesOfDomain(site: string): PurposeCounts | undefined {
    return this.domainPurposes.get(site) as PurposeCounts | undefined;
  }

  /**
   * The known cookie for an observed name. When the name is known for several platforms, prefer the one
   * whose domain matches the cookie's domain.
   */
  lookup(name: string, cookieDomain?: string): KnownCookie | undefined {
    const hits = this.index.get(name);
    if (!hits || hits.length === 0) return undefined;
    if (hits.length === 1 || !cookieDomain) return hits[0];
    const d = cookieDomain.replace(/^\./, '');
    return hits.find((h) => h.domain && d.endsWith(h.domain.replace(/\s*\(3rd party\)\s*$/, '').replace(/^\./, ''))) ?? hits[0];
  }

  /** Known cookies of a provider mention (for providers declared without cookie names). */
  cookiesOf(mention: Pick<ProviderMention, 'platforms' | 'domain'>): KnownCookie[] {
    const out: KnownCookie[] = [];
    for (const platform of mention.platforms) {
      for (const c of this.byPlatform.get(platform) ?? []) {
        if (mention.domain && !c.domain.includes(mention.domain)) continue;
        out.push(c);
      }
    }
    return out;
  }

  /** The registrable-looking domains the knowledge base gives a platform's cookies (lower case, no dot). */
  domainsOf(platform: string): string[] {
    const out = new Set<string>();
    for (const c of this.byPlatform.get(platform) ?? []) {
      const d = cleanKnownDomain(c.domain);
      if (d) out.add(d);
    }
    return [...out];
  }

  get size(): number {
    return this.index.size;
  }
}

/** The Open Cookie Database writes domains as `.google.com`, `doubleclick.net (3rd party)`, or a phrase. */
export function cleanKnownDomain(domain: string): string | null {
  const d = domain.replace(/\s*\(3rd party\)\s*$/i, '').trim().replace(/^\./, '').toLowerCase();
  return /^[a-z0-9-]+(?:\.[a-z0-9-]+)+$/.test(d) ? d : null;
}

const PURPOSE_SLOT: Partial<Record<Purpose, number>> = { essential: 0, functional: 1, analytics: 2, advertising: 3 };

/**
 * OCD wildcard rows store a prefix stem (`_ga_`, `_pk_id`); a few carry pattern syntax (`SSPR_*`,
 * `pagead/conv/%INTEGER%`), which compileName understands.
 */
function compileWildcard(name: string): NamePattern | null {
  const compiled = compileName(name);
  if (!compiled) return null;
  if (compiled.match === 'exact') return { match: 'prefix', pattern: compiled.pattern };
  return compiled;
}
