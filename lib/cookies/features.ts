/**
 * Features of one cookie for the purpose classifier (lib/cookies/model.ts). Pure, browser-free.
 *
 * A cookie becomes a sparse vector in one fixed space:
 *   - dense slots [0, DENSE): shape of the name, the domain against the site, what the knowledge base says
 *     (as evidence, not as an override), what other sites' consent platforms said about the name (the
 *     model's own table), lifetime, attributes, and the shape of the value;
 *   - hashed slots [DENSE, DENSE + buckets): name tokens, the name's shape, prefixes, character trigrams, and
 *     the registrable domain of a third-party cookie.
 *
 * The value is read in memory to measure its shape (length, entropy, character classes, looks like an id, a
 * timestamp, JSON, a URL, base64) and is never stored: only those numbers leave this file.
 *
 * The part that depends only on the name, the domain and the site ("static") is computed once and cached by
 * the caller (lib/cookies/judge.ts); the part that changes with each update ("dynamic": lifetime, attributes,
 * value) is cheap and allocation-free.
 */
import type { KnowledgeBase } from './knowledge';
import { classifyName } from './classify';
import { siteOfHost, siteOfUrl } from '../site';
import type { Purpose } from '../types';

/** What the classifier sees of one cookie update. `expiry` is seconds of lifetime, 0 for a session cookie. */
export interface CookieFacts {
  name: string;
  domain: string;
  path: string;
  /** The site the cookie was seen on: a URL (`https://www.example.com/`) or a host / registrable domain. */
  site: string;
  expiry: number;
  httpOnly: boolean;
  secure: boolean;
  /** `lax`, `strict`, `none` / `no_restriction`, or `unspecified` / empty. */
  sameSite: string;
  hostOnly: boolean;
  /** Read in memory for its shape only; never stored. */
  value?: string;
}

/** The four purposes the model tells apart, in the crawl's label order (0 necessary … 3 advertising). */
export const CLASSES: readonly Purpose[] = ['essential', 'functional', 'analytics', 'advertising'];

/** Label counts per class from other sites' declarations: [essential, functional, analytics, advertising]. */
export type LabelCounts = readonly number[];

/**
 * What other sites declared (the model's table, built from the training crawl): by name, by name shape, by
 * third-party registrable domain, and by name on that third-party domain (`lang@linkedin.com`).
 */
export interface SiteLabelTable {
  names: Map<string, LabelCounts>;
  shapes: Map<string, LabelCounts>;
  domains: Map<string, LabelCounts>;
  pairs: Map<string, LabelCounts>;
}

/** The table key of a name on a third-party domain. */
export function pairKey(name: string, cookieSite: string): string {
  return `${name}@${cookieSite}`;
}

// ---- the dense slots ---------------------------------------------------------------------------------------------
const TABLE_SLOTS = 10;
let slot = 0;
const next = (n = 1) => {
  const s = slot;
  slot += n;
  return s;
};
/** Name shape. */
export const F = {
  nameLength: next(),
  nameDigits: next(),
  nameUpper: next(),
  nameUnderscore: next(),
  nameDoubleUnderscore: next(),
  nameDotOrDash: next(),
  nameVariablePart: next(),
  nameTokens: next(),
  nameHostPrefix: next(),
  /** Domain: the cookie's registrable domain differs from the site's. */
  thirdParty: next(),
  domainSubhost: next(),
  /** OCD cookies from this registrable domain: known flag, then purpose shares ×4. */
  domainKnown: next(),
  domainPurpose: next(4),
  /** OCD verdict for the name: one-hot ×4, then "matched by a wildcard stem". */
  ocd: next(4),
  ocdWildcard: next(),
  /** CookieBlock known_cookies.json verdict one-hot ×4; a CookieBlock name pattern matched. */
  cookieBlock: next(4),
  namePattern: next(),
  /** The hand-written name rules (lib/cookies/classify.ts) one-hot ×4. */
  rules: next(4),
  /**
   * Other sites' labels: seen flag, log count, shares ×4, shares weighted by how many sites ×4; by exact name, by
   * shape, by third-party domain, by name on that domain.
   */
  tableName: next(TABLE_SLOTS),
  tableShape: next(TABLE_SLOTS),
  tableDomain: next(TABLE_SLOTS),
  tablePair: next(TABLE_SLOTS),
  // ---- dynamic (per update) ----
  session: next(),
  lifetime: next(),
  /** Lifetime bins: <1 h, <1 d, <1 w, <31 d, <183 d, <400 d, <2.1 y, more. */
  lifetimeBin: next(8),
  httpOnly: next(),
  secure: next(),
  hostOnly: next(),
  /** SameSite: none, lax, strict, unspecified. */
  sameSite: next(4),
  rootPath: next(),
  valuePresent: next(),
  valueLength: next(),
  valueEntropy: next(),
  valueDigits: next(),
  valueAlpha: next(),
  valueUpper: next(),
  valueSpecial: next(),
  valueEmpty: next(),
  valueInteger: next(),
  valueTimestamp: next(),
  valueUuid: next(),
  valueHex: next(),
  valueBase64: next(),
  valueJson: next(),
  valueUrl: next(),
  valueEncoded: next(),
  valueGaLike: next(),
  valueBoolean: next(),
  valueLang: next(),
  valueKeyValues: next(),
  valueDate: next(),
  /** Set only on the knowledge base's names used as training examples (no attributes, no value): never at inference. */
  nameOnly: next(),
};
/** Slots before this index depend on the name, domain and site only. */
export const FIRST_DYNAMIC = F.session;
export const DENSE = slot;

/** A sparse feature vector: `n` (index, value) pairs; reused between calls. */
export class FeatureVector {
  idx: Int32Array;
  val: Float64Array;
  n = 0;
  constructor(capacity = 256) {
    this.idx = new Int32Array(capacity);
    this.val = new Float64Array(capacity);
  }
  push(i: number, v: number): void {
    if (v === 0) return;
    if (this.n === this.idx.length) this.grow();
    this.idx[this.n] = i;
    this.val[this.n] = v;
    this.n++;
  }
  clear(): void {
    this.n = 0;
  }
  private grow(): void {
    const idx = new Int32Array(this.idx.length * 2);
    const val = new Float64Array(this.val.length * 2);
    idx.set(this.idx);
    val.set(this.val);
    this.idx = idx;
    this.val = val;
  }
}

// ---- names ----------------------------------------------------------------------------------------------------------

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

// ---- lifetime, attributes, value --------------------------------------------------------------------------------------

const LOG_LIFETIME = Math.log(1 + 5 * 365 * 86400);
const LIFETIME_EDGES = [3600, 86400, 7 * 86400, 31 * 86400, 183 * 86400, 400 * 86400, 766 * 86400];
const counts = new Uint16Array(128);

/** The dynamic part (lifetime, attributes, value shape) of one update, appended to `out`. Allocation-free. */
export function dynamicFeatures(c: Omit<CookieFacts, 'name' | 'domain' | 'site'>, out: FeatureVector): void {
  const expiry = c.expiry > 0 && Number.isFinite(c.expiry) ? c.expiry : 0;
  if (expiry === 0) out.push(F.session, 1);
  else {
    out.push(F.lifetime, Math.min(1.2, Math.log(1 + expiry) / LOG_LIFETIME));
    let b = 0;
    while (b < LIFETIME_EDGES.length && expiry >= LIFETIME_EDGES[b]!) b++;
    out.push(F.lifetimeBin + b, 1);
  }
  if (c.httpOnly) out.push(F.httpOnly, 1);
  if (c.secure) out.push(F.secure, 1);
  if (c.hostOnly) out.push(F.hostOnly, 1);
  out.push(F.sameSite + sameSiteSlot(c.sameSite), 1);
  if (c.path === '/' || c.path === '') out.push(F.rootPath, 1);
  const v = c.value;
  if (v !== undefined) valueFeatures(v, out);
}

function sameSiteSlot(s: string): number {
  switch (s.toLowerCase()) {
    case 'none':
    case 'no_restriction':
      return 0;
    case 'lax':
      return 1;
    case 'strict':
      return 2;
    default:
      return 3;
  }
}

const LOG_VALUE = Math.log(1 + 4096);

/** Characters of a value read for its shape (its length is read in full, up to 4,096). */
const VALUE_SCAN = 512;
const seen = new Uint8Array(128);

function valueFeatures(raw: string, out: FeatureVector): void {
  out.push(F.valuePresent, 1);
  if (raw.length === 0) {
    out.push(F.valueEmpty, 1);
    return;
  }
  out.push(F.valueLength, Math.log(1 + Math.min(raw.length, 4096)) / LOG_VALUE);
  const n = Math.min(raw.length, VALUE_SCAN);
  let distinct = 0;
  let digits = 0;
  let lower = 0;
  let upper = 0;
  let special = 0;
  let other = 0;
  let percent = 0;
  let hexOnly = true;
  let b64Only = true;
  let ampOrPipe = 0;
  let equals = 0;
  let dots = 0;
  let dashes = 0;
  for (let i = 0; i < n; i++) {
    const c = raw.charCodeAt(i);
    if (c < 128) {
      if (counts[c]!++ === 0) seen[distinct++] = c;
    } else other++;
    if (c >= 48 && c <= 57) digits++;
    else if (c >= 97 && c <= 122) {
      lower++;
      if (c > 102) hexOnly = false;
    } else if (c >= 65 && c <= 90) {
      upper++;
      if (c > 70) hexOnly = false;
    } else {
      special++;
      hexOnly = false;
      if (c !== 43 && c !== 47 && c !== 61 && c !== 45 && c !== 95) b64Only = false;
      if (c === 37) percent++;
      else if (c === 38 || c === 124) ampOrPipe++;
      else if (c === 61) equals++;
      else if (c === 46) dots++;
      else if (c === 45) dashes++;
    }
  }
  let entropy = 0;
  for (let i = 0; i < distinct; i++) {
    const c = seen[i]!;
    const p = counts[c]! / n;
    entropy -= p * Math.log2(p);
    counts[c] = 0; // ready for the next value
  }
  if (other > 0) {
    const p = other / n;
    entropy -= p * Math.log2(p);
  }
  out.push(F.valueEntropy, entropy / 6);
  out.push(F.valueDigits, digits / n);
  out.push(F.valueAlpha, (lower + upper) / n);
  out.push(F.valueUpper, upper / n);
  out.push(F.valueSpecial, special / n);
  const c0 = raw.charCodeAt(0);
  if (digits === n) {
    out.push(F.valueInteger, 1);
    // Unix time in seconds or milliseconds, 2001..2040.
    if ((n === 10 && c0 >= 49 && c0 <= 50) || (n === 13 && c0 === 49)) out.push(F.valueTimestamp, 1);
  }
  if (n === 36 && dashes === 4 && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(raw))
    out.push(F.valueUuid, 1);
  else if (hexOnly && n >= 16) out.push(F.valueHex, 1);
  if (b64Only && n >= 16 && lower > 0 && upper > 0 && digits > 0) out.push(F.valueBase64, 1);
  if ((c0 === 123 || c0 === 91) && (raw.charCodeAt(n - 1) === 125 || raw.charCodeAt(n - 1) === 93)) out.push(F.valueJson, 1);
  else if (percent > 0 && (raw.startsWith('%7B') || raw.startsWith('%7b') || raw.startsWith('%5B'))) out.push(F.valueJson, 1);
  if (raw.startsWith('http') && /^https?(?::|%3A)/i.test(raw)) out.push(F.valueUrl, 1);
  if (percent >= 2) out.push(F.valueEncoded, 1);
  if (/^(?:GA|GS)\d\.\d\./.test(raw) || /^fb\.\d\./.test(raw)) out.push(F.valueGaLike, 1);
  if (n <= 5 && /^(?:true|false|yes|no|y|n|0|1|on|off)$/i.test(raw)) out.push(F.valueBoolean, 1);
  if (n <= 5 && /^[a-z]{2}(?:[-_][A-Za-z]{2})?$/.test(raw)) out.push(F.valueLang, 1);
  if (ampOrPipe + equals >= 2) out.push(F.valueKeyValues, 1);
  if (dots + dashes >= 2 && /\d{4}-\d{2}-\d{2}|\d{2}\.\d{2}\.\d{4}/.test(raw)) out.push(F.valueDate, 1);
}
