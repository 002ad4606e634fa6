/**
 * The feature space of the purpose classifier (lib/cookies/model.ts): what the classifier sees of a cookie, its
 * four classes, the dense slots' layout and the sparse vector. Pure, browser-free. See lib/cookies/features.ts.
 */
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
