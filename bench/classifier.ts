/**
 * How undeclared cookies are judged, on CookieBlock's labelled crawl, part A (../shared/data/cookieblock/; part B
 * is the held-out evaluation set and is never read here). Labels are the purposes the sites' own consent
 * platforms declared (noisy: sites disagree with each other).
 *
 *   (a) the baseline: the knowledge base (Open Cookie Database) then the name rules, through decide();
 *   (b) the learned judgement (lib/cookies/judge.ts), cross-validated by site: 10 folds, a site's cookies never
 *       in training and test at once; the decision rule shipped in data/classifier/model.json; beside it, the
 *       knowledge base used as an override (the order the issue asked to measure);
 *   (c) speed of the shipped judge per cookie (cold: names never seen; warm: cached names) and the model's size.
 */
import { record } from './results';
import { readFileSync, statSync } from 'node:fs';
import { decide } from '../lib/enforce/decide';
import { loadKnowledge, loadKnowledgeIndex } from '../scripts/knowledge-node';
import { CLASSES } from '../lib/cookies/features';
import { decideFromProbabilities, knownClass, shippedModel, UndeclaredJudge } from '../lib/cookies/judge';
import { crossValidate, DEFAULT_OPTIONS, loadCrawl, type OutOfFold } from '../scripts/classifier-training';
import { printScores, score, type Scored } from '../scripts/classifier-metrics';
import { answersOf, MODEL_FILE } from '../scripts/train-classifier';
import type { Purpose } from '../lib/types';

// The issue's aims (issue 10).
const AIM_BALANCED = 0.8;
const AIM_UNKNOWN = 0.1;
const AIM_NECESSARY_AS_TRACKING = 0.04;
const AIM_MS_PER_COOKIE = 0.05;
const AIM_PER_SECOND = 200_000;
const AIM_MODEL_BYTES = 1 << 20;

const ok = (b: boolean) => (b ? 'ok' : 'MISSED');

export function benchClassifier(): void {
  const knowledge = loadKnowledge();
  const index = loadKnowledgeIndex();
  const cookies = loadCrawl();
  const sites = new Set(cookies.map((c) => c.siteKey)).size;

  console.log(`(a) baseline: knowledge base + name rules (decide(), no declaration), ${cookies.length} cookies from ${sites} sites`);
  const baseline: Scored[] = cookies.map((c) => {
    const v = decide({ name: c.name, domain: c.domain, policy: 'pending', declaration: null, choice: 'essential-only', knowledge });
    return { label: c.label, answer: v.purpose, name: c.name, site: c.siteKey };
  });
  printScores(score(baseline), '    ');

  const model = shippedModel();
  const rule = model.decision;
  console.log(`\n(b) knowledge base + model, cross-validated by site (10 folds; decision rule of data/classifier/model.json: threshold ${rule.threshold}, necessary-as-tracking cost ${rule.cost[0]![3]}, the model overrules the knowledge base on essential vs tracking only with ${rule.overruleSites}+ other sites behind it)`);
  const t0 = performance.now();
  const oof = crossValidate(cookies, knowledge, index, DEFAULT_OPTIONS, 10);
  console.log(`    (${((performance.now() - t0) / 1000).toFixed(0)} s to train and test 10 folds)`);
  const s = score(answersOf(oof, rule, knowledge));
  printScores(s, '    ');
  console.log(`    aim: balanced accuracy ≥ ${AIM_BALANCED} with ≤ ${100 * AIM_UNKNOWN} % unknown: ${s.balancedAccuracy.toFixed(3)} with ${(100 * s.unknownShare).toFixed(1)} %   ${ok(s.balancedAccuracy >= AIM_BALANCED && s.unknownShare <= AIM_UNKNOWN)}`);
  console.log(
    `    aim: necessary called tracking ≤ ${100 * AIM_NECESSARY_AS_TRACKING} %: ${(100 * s.necessaryAsTracking).toFixed(1)} %   ${ok(s.necessaryAsTracking <= AIM_NECESSARY_AS_TRACKING)}` +
      `   (${s.necessaryAsTrackingNamedTrackingElsewhere} of those ${s.necessaryAsTrackingCount} carry a name other sites of part A label analytics/advertising; without them ${((100 * (s.necessaryAsTrackingCount - s.necessaryAsTrackingNamedTrackingElsewhere)) / s.necessaryCount).toFixed(1)} %)`,
  );
  variants(oof, knowledge);

  console.log('\n(c) speed of the shipped judge (knowledge base and model loaded), one update per call');
  speed(cookies, knowledge);
  const bytes = statSync(MODEL_FILE).size;
  console.log(`    model data: ${(bytes / 1024).toFixed(0)} KB (data/classifier/model.json)   aim ≤ 1 MB   ${ok(bytes <= AIM_MODEL_BYTES)}`);
  // results.json: the learned judgement's by-site cross-validated figures (they replace the baseline's).
  const labels = ['essential', 'functional', 'analytics', 'advertising'] as const;
  record('classifier.cookies', cookies.length);
  record('classifier.balanced_accuracy', s.balancedAccuracy, 'knowledge base + model, 10 folds by site on part A');
  labels.forEach((l, i) => record(`classifier.recall.${l}` as 'classifier.recall.essential', s.recall[i]!));
  record('classifier.unknown_share', s.unknownShare);
  record('classifier.necessary_called_tracking', s.necessaryAsTracking);
  record('classifier.model_bytes', bytes);
}

/** Other orders, on the same out-of-fold probabilities. */
function variants(oof: OutOfFold[], kb: ReturnType<typeof loadKnowledge>): void {
  const rule = shippedModel().decision;
  const line = (what: string, answers: Scored[]) => {
    const s = score(answers);
    console.log(
      `    ${what.padEnd(58)} balanced ${s.balancedAccuracy.toFixed(3)}  unknown ${(100 * s.unknownShare).toFixed(1).padStart(4)} %  necessary→tracking ${(100 * s.necessaryAsTracking).toFixed(1)} %  functional recall ${s.recall[1]!.toFixed(2)}`,
    );
  };
  console.log('    other orders on the same folds:');
  const row = (o: OutOfFold, answer: Purpose): Scored => ({ label: o.cookie.label, name: o.cookie.name, site: o.cookie.siteKey, answer });
  line('model alone, most probable class, no threshold', oof.map((o) => row(o, CLASSES[argmax(o.p)]!)));
  line('shipped rule, but always unknown when the KB disagrees', oof.map((o) => row(o, decideFromProbabilities(o.p, { ...rule, overruleSites: Infinity }, knownClass(kb, o.cookie.name, o.cookie.domain), o.others).purpose)));
  line('knowledge base as override, then the model (shipped rule)', oof.map((o) => {
    const k = knownClass(kb, o.cookie.name, o.cookie.domain);
    return row(o, k >= 0 ? CLASSES[k]! : decideFromProbabilities(o.p, rule, -1, o.others).purpose);
  }));
}

function argmax(p: ArrayLike<number>): number {
  let b = 0;
  for (let k = 1; k < 4; k++) if (p[k]! > p[b]!) b = k;
  return b;
}

function speed(cookies: ReturnType<typeof loadCrawl>, kb: ReturnType<typeof loadKnowledge>): void {
  const updates = cookies.map((c) => ({ ...c.updates[0]!, name: c.name, domain: c.domain, site: c.site }));
  // Warm-up (JIT), on a judge we then throw away.
  const warm = new UndeclaredJudge(shippedModel(), kb);
  for (const u of updates) warm.judge(u);
  // Cold: every name new to the judge (a suffix makes each one unseen), so every static part is computed.
  const ROUNDS = 20;
  const cold = new UndeclaredJudge(shippedModel(), kb);
  const fresh = [] as typeof updates;
  for (let r = 0; r < ROUNDS; r++) for (const u of updates) fresh.push({ ...u, name: `${u.name}${r === 0 ? '' : `_${r}`}` });
  // Timed by the process's CPU time as well as the clock: on a shared machine the clock counts other people's work.
  const time = (f: () => number): { wallUs: number; cpuUs: number } => {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const n = f();
    const wall = performance.now() - t0;
    const c = process.cpuUsage(c0);
    return { wallUs: (wall * 1000) / n, cpuUs: (c.user + c.system) / n };
  };
  const coldT = time(() => {
    for (const u of fresh) cold.judge(u);
    return fresh.length;
  });
  // Warm: the names repeat (the static part cached), only lifetime, attributes and value computed.
  const warmT = time(() => {
    let n = 0;
    for (let r = 0; r < ROUNDS * 5; r++)
      for (const u of updates) {
        warm.judge(u);
        n++;
      }
    return n;
  });
  const line = (what: string, t: { wallUs: number; cpuUs: number }) => {
    const us = t.cpuUs;
    console.log(
      `    ${what.padEnd(26)} ${us.toFixed(1).padStart(5)} µs CPU per cookie (${t.wallUs.toFixed(1)} µs by the clock), ${Math.round(1e6 / us).toLocaleString('en')} decisions/s` +
        `   aim ≤ ${AIM_MS_PER_COOKIE} ms and ≥ ${AIM_PER_SECOND.toLocaleString('en')}/s   ${ok(us / 1000 <= AIM_MS_PER_COOKIE && 1e6 / us >= AIM_PER_SECOND)}`,
    );
  };
  line('cold (names never seen):', coldT);
  line('warm (name cached):', warmT);
}

if (process.argv[1]?.endsWith('classifier.ts')) {
  readFileSync(MODEL_FILE);
  benchClassifier();
}
