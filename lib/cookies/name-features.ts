/**
 * The static part of a cookie's features: what depends only on its name, its domain and the site (name shape,
 * tokens and trigrams hashed, first or third party, the knowledge base's verdicts as evidence, other sites'
 * labels). Computed once per cookie identity and cached by the caller (lib/cookies/judge.ts). Pure.
 */
import type { KnowledgeBase, KnownCookie } from './knowledge';
import { classifyName } from './classify';
import { siteOfHost, siteOfUrl } from '../site';
import { CLASSES, DENSE, F, pairKey, type FeatureVector, type LabelCounts, type SiteLabelTable } from './feature-space';
import { hashChar, hashLower, hashPaddedGram, hashWith, nameShape, prefixState, scanned, scanTokens, TOKEN_DIGITS, TOKEN_HEX } from './name-pieces';


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
const FIRST_PARTY = hashWith(H.domain, 'first-party', 0, 'first-party'.length);

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
  /** The Open Cookie Database's entry for the cookie (looked up only with the knowledge base's verdicts). */
  ocd: KnownCookie | undefined;
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

  // Name shape, in one pass: digits, capitals, a dot or dash, a variable part (4+ digits, 8+ of [0-9a-f] or
  // 8+ of [A-Z0-9] in a row).
  let digits = 0;
  let upper = 0;
  let dotOrDash = false;
  let runDigits = 0;
  let runHexLower = 0;
  let runUpperDigits = 0;
  let variable = false;
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    const digit = c >= 48 && c <= 57;
    const cap = c >= 65 && c <= 90;
    if (digit) digits++;
    else if (cap) upper++;
    else if (c === 46 || c === 45) dotOrDash = true;
    runDigits = digit ? runDigits + 1 : 0;
    runHexLower = digit || (c >= 97 && c <= 102) ? runHexLower + 1 : 0;
    runUpperDigits = digit || cap ? runUpperDigits + 1 : 0;
    if (runDigits >= 4 || runHexLower >= 8 || runUpperDigits >= 8) variable = true;
  }
  const len = Math.max(name.length, 1);
  out.push(F.nameLength, Math.log(1 + Math.min(name.length, 64)) / LOG_NAME);
  out.push(F.nameDigits, digits / len);
  out.push(F.nameUpper, upper / len);
  if (name.charCodeAt(0) === 95) out.push(F.nameUnderscore, 1);
  if (name.startsWith('__')) out.push(F.nameDoubleUnderscore, 1);
  if (dotOrDash) out.push(F.nameDotOrDash, 1);
  if (variable) out.push(F.nameVariablePart, 1);
  if (name.startsWith('__Host-') || name.startsWith('__Secure-')) out.push(F.nameHostPrefix, 1);

  const tokens = scanTokens(name);
  out.push(F.nameTokens, Math.min(tokens, 8) / 8);
  const lower = name.toLowerCase();
  const shape = nameShape(name);
  pushHash(out, mask, hashWith(H.name, lower, 0, lower.length), 1);
  pushHash(out, mask, hashWith(H.shape, shape, 0, shape.length), 1);
  if (tokens > 0) {
    const w = 1 / Math.sqrt(tokens);
    for (let t = 0; t < tokens; t++) pushHash(out, mask, tokenHash(H.word, name, t), w);
    pushHash(out, mask, tokenHash(H.first, name, 0), 1);
    pushHash(out, mask, tokenHash(H.last, name, tokens - 1), 1);
  }
  let skip = 0;
  while (skip < shape.length && !isAlnum(shape.charCodeAt(skip))) skip++;
  const stemLength = shape.length - skip;
  if (stemLength >= 2) pushHash(out, mask, hashWith(H.p2, shape, skip, skip + 2), 1);
  if (stemLength >= 3) pushHash(out, mask, hashWith(H.p3, shape, skip, skip + 3), 1);
  if (stemLength >= 4) pushHash(out, mask, hashWith(H.p4, shape, skip, skip + 4), 1);
  // Trigrams of `^` + the shape's first 48 characters + `$`.
  const padded = Math.min(shape.length, 48) + 2;
  const gw = 1 / Math.sqrt(padded - 2);
  for (let i = 0; i + 3 <= padded; i++) pushHash(out, mask, hashPaddedGram(H.gram, shape, i, padded), gw);

  // Domain against the site.
  const cookieSite = cookieSiteOf(domain);
  const siteKey = siteKeyOf(site);
  const third = cookieSite !== siteKey;
  if (third) {
    out.push(F.thirdParty, 1);
    pushHash(out, mask, hashWith(H.domain, cookieSite, 0, cookieSite.length), 1);
  } else pushHash(out, mask, FIRST_PARTY, 1);
  const hostStart = domain.charCodeAt(0) === 46 ? 1 : 0;
  if (domain.length - hostStart !== cookieSite.length && !domain.startsWith('www.', hostStart)) out.push(F.domainSubhost, 1);

  const knowledgeVerdicts = opts.knowledgeVerdicts ?? true;
  let known = -1;
  let ocd: KnownCookie | undefined;
  if (kb) {
    const counts = kb.purposesOfDomain(cookieSite);
    if (third && counts) {
      const total = counts[0] + counts[1] + counts[2] + counts[3];
      out.push(F.domainKnown, 1);
      for (let k = 0; k < 4; k++) out.push(F.domainPurpose + k, counts[k]! / total);
    }
    if (knowledgeVerdicts) {
      ocd = kb.lookup(name, domain);
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
      const p = String(pattern);
      pushHash(out, mask, hashWith(H.pattern, p, 0, p.length), 1);
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
  return { known, others, ocd };
}

function pushHash(out: FeatureVector, mask: number, hash: number, v: number): void {
  out.push(DENSE + (hash & mask), v);
}

/** The hash of token `t` of the last scanTokens(name), from `state`. */
function tokenHash(state: number, name: string, t: number): number {
  const kind = scanned.kind[t];
  if (kind === TOKEN_HEX) return hashChar(state, 35);
  if (kind === TOKEN_DIGITS) return hashChar(state, 48);
  return hashLower(state, name, scanned.start[t]!, scanned.end[t]!);
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
