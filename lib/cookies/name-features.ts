/**
 * The static part of a cookie's features: what depends only on its name, its domain and the site (name shape,
 * tokens and trigrams hashed, first or third party, the knowledge base's verdicts as evidence, other sites'
 * labels). Computed once per cookie identity and cached by the caller (lib/cookies/judge.ts). Pure.
 */
import type { KnowledgeBase } from './knowledge';
import { classifyName } from './classify';
import { siteOfHost, siteOfUrl } from '../site';
import { CLASSES, DENSE, F, pairKey, type FeatureVector, type LabelCounts, type SiteLabelTable } from './feature-space';


/** FNV-1a, 32 bits: a stable hash for feature names (the model's buckets depend on it). */
export function hash32(s: string): number {
  return hashWith(PREFIX_NONE, s, 0, s.length);
}

const FNV_OFFSET = 0x811c9dc5;
const PREFIX_NONE = FNV_OFFSET;

/** The FNV-1a state after `prefix` (to hash `prefix + text` without building the string). */
function prefixState(prefix: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < prefix.length; i++) {
    h ^= prefix.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h;
}

/** hash32(prefix + s.slice(from, to)), from the prefix's state. */
function hashWith(state: number, s: string, from: number, to: number): number {
  let h = state;
  for (let i = from; i < to; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

const H = {
  name: prefixState('n:'),
  shape: prefixState('s:'),
  word: prefixState('w:'),
  first: prefixState('f:'),
  last: prefixState('l:'),
  p2: prefixState('p2:'),
  p3: prefixState('p3:'),
  p4: prefixState('p4:'),
  gram: prefixState('g:'),
  domain: prefixState('d:'),
  pattern: prefixState('pat:'),
};

/**
 * Word pieces of a cookie name, lower-case: split on punctuation, camelCase and letter/digit boundaries;
 * digit runs become `0`, long hex-like runs `#`. `_hjSessionUser_12345` -> `hj session user 0`.
 */
export function nameTokens(name: string): string[] {
  const out: string[] = [];
  for (const part of name.split(/[^A-Za-z0-9]+/)) {
    if (!part) continue;
    if (part.length >= 8 && /\d/.test(part) && /^[0-9a-fA-F]+$/.test(part)) {
      out.push('#');
      continue;
    }
    for (const piece of part.split(/(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])|(?<=[A-Za-z])(?=\d)|(?<=\d)(?=[A-Za-z])/)) {
      if (!piece) continue;
      out.push(/^\d+$/.test(piece) ? '0' : piece.toLowerCase());
    }
  }
  return out;
}

/** The name with its variable parts blanked: digits runs -> `0`, long hex / id runs -> `#`. `_ga_Q2W3E4R5` -> `_ga_#`. */
export function nameShape(name: string): string {
  return name
    .replace(/[0-9A-Za-z]*\d[0-9A-Za-z]*/g, (run) => (run.length >= 6 || /^\d+$/.test(run) ? (/^\d+$/.test(run) ? '0' : '#') : run))
    .replace(/[0-9a-f]{16,}/gi, '#')
    .toLowerCase();
}

/** The site's registrable domain from a URL or a host. */
export function siteKeyOf(site: string): string {
  let key = siteKeys.get(site);
  if (key === undefined) {
    const s = site.trim();
    key = /^https?:\/\//i.test(s) ? (siteOfUrl(s) ?? s.toLowerCase()) : (siteOfHost(s) ?? s.toLowerCase());
    remember(siteKeys, site, key);
  }
  return key;
}

/** The registrable domain of a cookie's domain (leading dot dropped), or the host itself. */
export function cookieSiteOf(domain: string): string {
  let key = cookieSites.get(domain);
  if (key === undefined) {
    const host = domain.replace(/^\./, '').toLowerCase();
    key = siteOfHost(host) ?? host;
    remember(cookieSites, domain, key);
  }
  return key;
}

// The Public Suffix List lookups are the dearest part of a cookie seen for the first time; sites and domains repeat.
const siteKeys = new Map<string, string>();
const cookieSites = new Map<string, string>();
const CACHE_LIMIT = 10_000;

function remember(m: Map<string, string>, k: string, v: string): void {
  if (m.size >= CACHE_LIMIT) m.clear();
  m.set(k, v);
}

/** What the static features found out on the way, for the decision rule (lib/cookies/judge.ts). */
export interface StaticInfo {
  /** The knowledge base's class for the cookie (CookieBlock's known cookies first, then the OCD), or -1. */
  known: number;
  /** What other sites declared for the cookie: by name on its third-party domain, else by name. */
  others: LabelCounts | undefined;
}

const LOG_NAME = Math.log(65);

/**
 * The static part of a cookie's features (name, domain, site, knowledge base, other sites' labels), into `out`
 * (cleared first). `buckets` is the size of the hashed space (a power of two).
 */
export function staticFeatures(
  name: string,
  domain: string,
  site: string,
  kb: KnowledgeBase | null,
  table: SiteLabelTable | null,
  buckets: number,
  out: FeatureVector,
  opts: { knowledgeVerdicts?: boolean } = {},
): StaticInfo {
  out.clear();
  const mask = buckets - 1;
  const hashed = (state: number, text: string, v = 1, from = 0, to = text.length) => out.push(DENSE + (hashWith(state, text, from, to) & mask), v);

  // Name shape.
  let digits = 0;
  let upper = 0;
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c >= 48 && c <= 57) digits++;
    else if (c >= 65 && c <= 90) upper++;
  }
  const len = Math.max(name.length, 1);
  out.push(F.nameLength, Math.log(1 + Math.min(name.length, 64)) / LOG_NAME);
  out.push(F.nameDigits, digits / len);
  out.push(F.nameUpper, upper / len);
  if (name.startsWith('_')) out.push(F.nameUnderscore, 1);
  if (name.startsWith('__')) out.push(F.nameDoubleUnderscore, 1);
  if (/[.-]/.test(name)) out.push(F.nameDotOrDash, 1);
  if (/\d{4,}|[0-9a-f]{8,}|[A-Z0-9]{8,}/.test(name)) out.push(F.nameVariablePart, 1);
  if (/^__(?:Host|Secure)-/.test(name)) out.push(F.nameHostPrefix, 1);

  const tokens = nameTokens(name);
  out.push(F.nameTokens, Math.min(tokens.length, 8) / 8);
  const lower = name.toLowerCase();
  const shape = nameShape(name);
  hashed(H.name, lower);
  hashed(H.shape, shape);
  if (tokens.length > 0) {
    const w = 1 / Math.sqrt(tokens.length);
    for (const t of tokens) hashed(H.word, t, w);
    hashed(H.first, tokens[0]!);
    hashed(H.last, tokens[tokens.length - 1]!);
  }
  let skip = 0;
  while (skip < shape.length && !isAlnum(shape.charCodeAt(skip))) skip++;
  const stemLength = shape.length - skip;
  if (stemLength >= 2) hashed(H.p2, shape, 1, skip, skip + 2);
  if (stemLength >= 3) hashed(H.p3, shape, 1, skip, skip + 3);
  if (stemLength >= 4) hashed(H.p4, shape, 1, skip, skip + 4);
  const padded = `^${shape.length > 48 ? shape.slice(0, 48) : shape}$`;
  if (padded.length >= 3) {
    const w = 1 / Math.sqrt(padded.length - 2);
    for (let i = 0; i + 3 <= padded.length; i++) hashed(H.gram, padded, w, i, i + 3);
  }

  // Domain against the site.
  const cookieSite = cookieSiteOf(domain);
  const siteKey = siteKeyOf(site);
  const third = cookieSite !== siteKey;
  if (third) {
    out.push(F.thirdParty, 1);
    hashed(H.domain, cookieSite);
  } else hashed(H.domain, 'first-party');
  const host = domain.charCodeAt(0) === 46 ? domain.slice(1) : domain;
  if (host.length !== cookieSite.length && !host.startsWith('www.')) out.push(F.domainSubhost, 1);

  const knowledgeVerdicts = opts.knowledgeVerdicts ?? true;
  let known = -1;
  if (kb) {
    const counts = kb.purposesOfDomain(cookieSite);
    if (third && counts) {
      const total = counts[0] + counts[1] + counts[2] + counts[3];
      out.push(F.domainKnown, 1);
      for (let k = 0; k < 4; k++) out.push(F.domainPurpose + k, counts[k]! / total);
    }
    if (knowledgeVerdicts) {
      const ocd = kb.lookup(name, domain);
      const ok = ocd ? CLASSES.indexOf(ocd.purpose) : -1;
      if (ok >= 0) {
        out.push(F.ocd + ok, 1);
        if (ocd!.pattern.match !== 'exact') out.push(F.ocdWildcard, 1);
      }
      const cb = kb.knownByCookieBlock(name, domain);
      const ck = cb ? CLASSES.indexOf(cb) : -1;
      if (ck >= 0) out.push(F.cookieBlock + ck, 1);
      known = ck >= 0 ? ck : ok;
    }
    const pattern = kb.namePatternOf(name);
    if (pattern >= 0) {
      out.push(F.namePattern, 1);
      hashed(H.pattern, String(pattern));
    }
  }
  if (knowledgeVerdicts) {
    const rk = CLASSES.indexOf(classifyName(name));
    if (rk >= 0) out.push(F.rules + rk, 1);
  }

  let others: LabelCounts | undefined;
  if (table) {
    const byName = table.names.get(name);
    pushCounts(out, F.tableName, byName);
    pushCounts(out, F.tableShape, table.shapes.get(shape));
    if (third) {
      pushCounts(out, F.tableDomain, table.domains.get(cookieSite));
      const pair = table.pairs.get(pairKey(name, cookieSite));
      pushCounts(out, F.tablePair, pair);
      others = pair;
    }
    others ??= byName;
  }
  return { known, others };
}

function isAlnum(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 97 && c <= 122);
}

/** Other sites' labels as features: seen, log of how many, and each class's share (smoothed). */
function pushCounts(out: FeatureVector, at: number, counts: LabelCounts | undefined): void {
  if (!counts) return;
  const total = counts[0]! + counts[1]! + counts[2]! + counts[3]!;
  if (total <= 0) return;
  out.push(at, 1);
  out.push(at + 1, Math.log(1 + total) / Math.log(64));
  const weight = Math.min(total, 8) / 8;
  for (let k = 0; k < 4; k++) {
    const share = (counts[k]! + 0.25) / (total + 1);
    out.push(at + 2 + k, share);
    out.push(at + 6 + k, share * weight);
  }
}
