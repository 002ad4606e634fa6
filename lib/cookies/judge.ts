/**
 * The judgement of a cookie the site did not declare: the learned model (lib/cookies/model.ts) reads the
 * cookie's features, with the knowledge base's verdicts among them (as evidence, not as an override: on
 * CookieBlock's crawl the knowledge base used as an override scores worse, see README "Classifier"), and
 * a decision rule turns its probabilities into an answer:
 *   - the answer with the least expected cost, where calling a necessary cookie tracking costs most;
 *   - `unknown` when the model is not confident enough (below the shipped threshold): kept and flagged;
 *   - `unknown` when the model and the knowledge base disagree on essential versus tracking (kept), unless enough
 *     other sites declared the cookie on the model's side (DecisionRule.overruleSites).
 * Pure. The static half of the features (name, domain, site) is cached per cookie identity; the per-update half
 * (lifetime, attributes, value shape) is computed in memory and the value is never kept.
 */
import type { Purpose } from '../types';
import type { KnowledgeBase, KnownCookie } from './knowledge';
import { CLASSES, cookieSiteOf, dynamicFeatures, FeatureVector, pairKey, siteKeyOf, staticFeatures, type CookieFacts, type LabelCounts, type SiteLabelTable } from './features';
import { ClassifierModel, softmax4, type DecisionRule, type ModelJson } from './model';
import bundled from '../../data/classifier/model.json';

export type JudgementSource = 'knowledge-base' | 'model';

export interface Judgement {
  purpose: Purpose;
  /** The probability the model gives the answer it chose (for `unknown`: to its best guess), 0..1. */
  confidence: number;
  source: JudgementSource;
}

export type UndeclaredInput = CookieFacts;

const TRACKING = 2; // class index from which a purpose is tracking (analytics 2, advertising 3)
/** The model's probability from which its most probable class stands when the knowledge base says the same. */
const AGREEMENT = 0.8;

/**
 * Probabilities to an answer. `p` holds the four class probabilities; `known` is the knowledge base's class index
 * for the cookie (-1 when it does not know it); `others` what other sites declared for it (see `othersOf`).
 */
export function decideFromProbabilities(p: ArrayLike<number>, rule: DecisionRule, known: number, others?: LabelCounts): Judgement {
  let best = 0;
  let bestCost = Infinity;
  for (let k = 0; k < 4; k++) {
    let c = 0;
    for (let j = 0; j < 4; j++) c += p[j]! * rule.cost[j]![k]!;
    if (c < bestCost - 1e-12) {
      bestCost = c;
      best = k;
    }
  }
  if (known >= 0 && best !== known) {
    // The knowledge base and the model's most probable class agree, and the model is sure: that is the answer. The
    // cost of calling a necessary cookie tracking guards the model's word alone, not two sources agreeing (a
    // cautious model gives Matomo's `_pk_id.1.a1b2` 86 % analytics, 11 % essential: the cost alone says essential).
    let top = 0;
    for (let k = 1; k < 4; k++) if (p[k]! > p[top]!) top = k;
    if (top === known && p[top]! >= AGREEMENT) return { purpose: CLASSES[top]!, confidence: p[top]!, source: 'model' };
  }
  const confidence = p[best]!;
  if (known >= 0 && disagree(known, best) && !backs(others, best, rule.overruleSites)) return { purpose: 'unknown', confidence, source: 'knowledge-base' };
  if (confidence < rule.threshold) return { purpose: 'unknown', confidence, source: 'model' };
  return { purpose: CLASSES[best]!, confidence, source: 'model' };
}

/** Do at least `min` other sites, three in four of them, put the cookie on the answer's side (essential or tracking)? */
function backs(others: LabelCounts | undefined, answer: number, min: number): boolean {
  if (!others) return false;
  const total = others[0]! + others[1]! + others[2]! + others[3]!;
  if (total < min) return false;
  const side = answer === 0 ? others[0]! : others[2]! + others[3]!;
  return side * 4 >= total * 3;
}

/** What other sites declared for this cookie: by name on its third-party domain, else by name. */
export function othersOf(table: SiteLabelTable | null, name: string, domain: string, site: string): LabelCounts | undefined {
  if (!table) return undefined;
  const cookieSite = cookieSiteOf(domain);
  if (cookieSite !== siteKeyOf(site)) {
    const pair = table.pairs.get(pairKey(name, cookieSite));
    if (pair) return pair;
  }
  return table.names.get(name);
}

/** Essential against tracking (either way round). */
function disagree(a: number, b: number): boolean {
  return (a === 0 && b >= TRACKING) || (b === 0 && a >= TRACKING);
}

/** The knowledge base's class for a cookie: CookieBlock's known cookies first (a curated list), then the Open Cookie Database. */
export function knownClass(kb: KnowledgeBase | null, name: string, domain: string): number {
  if (!kb) return -1;
  const cb = kb.knownByCookieBlock(name, domain);
  if (cb) return CLASSES.indexOf(cb);
  const ocd = kb.lookup(name, domain);
  return ocd ? CLASSES.indexOf(ocd.purpose) : -1;
}

interface StaticPart {
  /** Static scores (bias included), one per class. */
  z0: number;
  z1: number;
  z2: number;
  z3: number;
  known: number;
  others: LabelCounts | undefined;
  /** The Open Cookie Database's entry for the cookie, if any. */
  ocd: KnownCookie | undefined;
}

const CACHE_LIMIT = 20_000;

export class UndeclaredJudge {
  /** Static parts by site, then cookie domain, then name (no key string built per event). */
  private readonly cache = new Map<string, Map<string, Map<string, StaticPart>>>();
  private cached = 0;
  private readonly sx = new FeatureVector(256);
  private readonly dx = new FeatureVector(64);
  private readonly z = new Float64Array(4);

  constructor(
    readonly model: ClassifierModel,
    readonly kb: KnowledgeBase | null,
    readonly rule: DecisionRule = model.decision,
  ) {}

  /** The four class probabilities for one update of a cookie (a view reused by the next call). */
  probabilities(c: CookieFacts): Float64Array {
    return this.scores(this.staticPart(c.name, c.domain, c.site), c);
  }

  private scores(s: StaticPart, c: Omit<CookieFacts, 'name' | 'domain' | 'site'>): Float64Array {
    const z = this.z;
    z[0] = s.z0;
    z[1] = s.z1;
    z[2] = s.z2;
    z[3] = s.z3;
    this.dx.clear();
    dynamicFeatures(c, this.dx);
    this.model.addScores(this.dx, z);
    softmax4(z);
    return z;
  }

  judge(c: CookieFacts): Judgement {
    const s = this.staticPart(c.name, c.domain, c.site);
    return decideFromProbabilities(this.scores(s, c), this.rule, s.known, s.others);
  }

  /** judge(), with the name and domain apart from the rest of the facts (no object built to join them). */
  judgeFacts(name: string, domain: string, facts: Omit<CookieFacts, 'name' | 'domain'>): Judgement {
    const s = this.staticPart(name, domain, facts.site);
    return decideFromProbabilities(this.scores(s, facts), this.rule, s.known, s.others);
  }

  /** The Open Cookie Database's entry for a cookie (kb.lookup(name, domain)), kept with its cached features. */
  knownCookieOf(name: string, domain: string, site: string): KnownCookie | undefined {
    const s = this.cache.get(site)?.get(domain)?.get(name);
    return s ? s.ocd : this.kb?.lookup(name, domain);
  }

  /** Several updates of one cookie (a crawl's `variable_data`): their probabilities averaged, then one decision. */
  judgeUpdates(name: string, domain: string, site: string, updates: ReadonlyArray<Omit<CookieFacts, 'name' | 'domain' | 'site'>>): Judgement {
    const avg = new Float64Array(4);
    const used = Math.max(1, updates.length);
    const s = this.staticPart(name, domain, site);
    for (const u of updates) {
      const p = this.scores(s, u);
      for (let k = 0; k < 4; k++) avg[k]! += p[k]! / used;
    }
    if (updates.length === 0) avg.fill(0.25);
    return decideFromProbabilities(avg, this.rule, s.known, s.others);
  }

  private staticPart(name: string, domain: string, site: string): StaticPart {
    let byDomain = this.cache.get(site);
    let byName = byDomain?.get(domain);
    const hit = byName?.get(name);
    if (hit) return hit;
    const info = staticFeatures(name, domain, site, this.kb, this.model.table, this.model.buckets, this.sx);
    const z = this.z;
    this.model.initScores(z);
    this.model.addScores(this.sx, z);
    const s: StaticPart = { z0: z[0]!, z1: z[1]!, z2: z[2]!, z3: z[3]!, known: info.known, others: info.others, ocd: info.ocd };
    if (this.cached >= CACHE_LIMIT) {
      this.cache.clear();
      this.cached = 0;
      byDomain = undefined;
    }
    if (!byDomain) this.cache.set(site, (byDomain = new Map()));
    byName = byDomain.get(domain);
    if (!byName) byDomain.set(domain, (byName = new Map()));
    byName.set(name, s);
    this.cached++;
    return s;
  }
}

let shipped: ClassifierModel | null = null;
const judges = new WeakMap<object, UndeclaredJudge>();
const NO_KB = {};

/** The model shipped in data/classifier/model.json. */
export function shippedModel(): ClassifierModel {
  shipped ??= new ClassifierModel(bundled as unknown as ModelJson);
  return shipped;
}

/**
 * Judge one cookie the site did not declare, with the shipped model and the given knowledge base.
 * `expiry` is seconds of lifetime (0 = session); the value, if given, is read for its shape only.
 */
export function judgeUndeclared(input: UndeclaredInput, kb: KnowledgeBase | null): Judgement {
  const key = kb ?? NO_KB;
  let j = judges.get(key);
  if (!j) {
    j = new UndeclaredJudge(shippedModel(), kb);
    judges.set(key, j);
  }
  return j.judge(input);
}
