/**
 * The purpose classifier's model: a multinomial logistic regression over the features of
 * lib/cookies/features.ts, shipped as data (data/classifier/model.json, trained by scripts/train-classifier.ts).
 * Loading validates the shape; nothing in the file is ever run as code.
 */
import { CLASSES, DENSE, FeatureVector, type LabelCounts, type SiteLabelTable } from './features';

/** How probabilities become an answer (lib/cookies/judge.ts). */
export interface DecisionRule {
  /** cost[true class][answered class], classes in CLASSES order. */
  cost: number[][];
  /** Below this probability of the chosen class the answer is `unknown`. */
  threshold: number;
  /**
   * When the knowledge base says essential and the model tracking (or the reverse), the answer is `unknown`
   * (kept), unless at least this many other sites declared the cookie (by name on its domain, else by name) and
   * three in four of them on the model's side. The Open Cookie Database calls `test_cookie`, LinkedIn's `bcookie`
   * and Hotjar's `_hj*` "Functional" (essential) and CookieBlock's list calls `bcookie` necessary, where 35 sites
   * of part A declare `test_cookie` advertising and 9 `bcookie`.
   */
  overruleSites: number;
}

export interface ModelJson {
  format: 1;
  kind: 'softmax-linear';
  classes: string[];
  /** Size of the hashed feature space (a power of two). */
  buckets: number;
  /** Dense slots the model was trained with (must equal features.ts DENSE). */
  dense: number;
  /** Weights per class, `dense + buckets` numbers each (rounded). */
  weights: number[][];
  bias: number[];
  /** Other sites' declared purposes, counted per site: name / name shape / third-party domain / name@domain -> [ess, fun, ana, adv]. */
  table: { names: Record<string, number[]>; shapes: Record<string, number[]>; domains: Record<string, number[]>; pairs: Record<string, number[]> };
  decision: DecisionRule;
  /** How it was trained and what it scored (for people; not read by the code). */
  about?: Record<string, unknown>;
}

export class ModelError extends Error {}

export class ClassifierModel {
  readonly buckets: number;
  readonly table: SiteLabelTable;
  readonly decision: DecisionRule;
  /** Weights, feature-major (the four classes of a feature side by side): w[4 * i + k]. */
  private readonly w: Float64Array;
  private readonly b: Float64Array;
  readonly dim: number;

  constructor(json: ModelJson) {
    validate(json);
    this.buckets = json.buckets;
    this.dim = DENSE + json.buckets;
    this.w = new Float64Array(4 * this.dim);
    for (let k = 0; k < 4; k++) {
      const row = json.weights[k]!;
      for (let i = 0; i < this.dim; i++) this.w[4 * i + k] = row[i]!;
    }
    this.b = Float64Array.from(json.bias);
    this.table = {
      names: toMap(json.table.names),
      shapes: toMap(json.table.shapes),
      domains: toMap(json.table.domains),
      pairs: toMap(json.table.pairs),
    };
    this.decision = { cost: json.decision.cost.map((r) => [...r]), threshold: json.decision.threshold, overruleSites: json.decision.overruleSites };
  }

  /** Add the contribution of features `x` to the four class scores `z` (length ≥ 4). */
  addScores(x: FeatureVector, z: Float64Array): void {
    const w = this.w;
    const idx = x.idx;
    const val = x.val;
    let z0 = z[0]!;
    let z1 = z[1]!;
    let z2 = z[2]!;
    let z3 = z[3]!;
    for (let j = 0; j < x.n; j++) {
      const i = 4 * idx[j]!;
      const v = val[j]!;
      z0 += w[i]! * v;
      z1 += w[i + 1]! * v;
      z2 += w[i + 2]! * v;
      z3 += w[i + 3]! * v;
    }
    z[0] = z0;
    z[1] = z1;
    z[2] = z2;
    z[3] = z3;
  }

  /** The bias into `z`. */
  initScores(z: Float64Array): void {
    z[0] = this.b[0]!;
    z[1] = this.b[1]!;
    z[2] = this.b[2]!;
    z[3] = this.b[3]!;
  }
}

/** Scores to probabilities, in place. */
export function softmax4(z: Float64Array): void {
  const m = Math.max(z[0]!, z[1]!, z[2]!, z[3]!);
  let s = 0;
  for (let k = 0; k < 4; k++) {
    z[k] = Math.exp(z[k]! - m);
    s += z[k]!;
  }
  for (let k = 0; k < 4; k++) z[k]! /= s;
}

function toMap(rec: Record<string, number[]>): Map<string, LabelCounts> {
  const m = new Map<string, LabelCounts>();
  for (const [k, v] of Object.entries(rec)) m.set(k, v);
  return m;
}

function validate(json: ModelJson): void {
  const fail = (why: string): never => {
    throw new ModelError(`classifier model: ${why}`);
  };
  if (!json || typeof json !== 'object') fail('not an object');
  if (json.format !== 1 || json.kind !== 'softmax-linear') fail(`unsupported format ${String(json.format)}/${String(json.kind)}`);
  if (json.classes.join() !== CLASSES.join()) fail(`classes ${json.classes.join()} are not ${CLASSES.join()}`);
  if (!Number.isInteger(json.buckets) || json.buckets < 16 || (json.buckets & (json.buckets - 1)) !== 0) fail('buckets must be a power of two');
  if (json.dense !== DENSE) fail(`trained with ${json.dense} dense features, this code has ${DENSE}: retrain (npm run train)`);
  const dim = DENSE + json.buckets;
  if (!Array.isArray(json.weights) || json.weights.length !== 4) fail('weights must hold 4 classes');
  for (const row of json.weights) {
    if (!Array.isArray(row) || row.length !== dim) fail(`each weight row must hold ${dim} numbers`);
    for (const x of row) if (typeof x !== 'number' || !Number.isFinite(x)) fail('weights must be finite numbers');
  }
  if (!Array.isArray(json.bias) || json.bias.length !== 4 || json.bias.some((x) => !Number.isFinite(x))) fail('bias must hold 4 numbers');
  const c = json.decision?.cost;
  if (!Array.isArray(c) || c.length !== 4 || c.some((r) => !Array.isArray(r) || r.length !== 4 || r.some((x) => !Number.isFinite(x)))) fail('decision.cost must be 4×4');
  if (!(json.decision.threshold >= 0 && json.decision.threshold <= 1)) fail('decision.threshold must be in 0..1');
  if (!(Number.isInteger(json.decision.overruleSites) && json.decision.overruleSites >= 1)) fail('decision.overruleSites must be a whole number ≥ 1');
  for (const part of ['names', 'shapes', 'domains', 'pairs'] as const) {
    const t = json.table?.[part];
    if (!t || typeof t !== 'object') fail(`table.${part} missing`);
    for (const v of Object.values(t)) if (!Array.isArray(v) || v.length !== 4) fail(`table.${part} entries must hold 4 counts`);
  }
}
