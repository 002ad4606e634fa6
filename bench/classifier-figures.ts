/**
 * The classifier's figures for results.json, as the product judges today (knowledge base, then the name
 * classifier, through lib/enforce/decide.ts with no declaration), on CookieBlock's crawl part A. Not
 * cross-validated: nothing here is trained on part A. The classifier work (issue 10) replaces this with its
 * own by-site cross-validated figures under the same keys.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { decide } from '../lib/enforce/decide';
import { loadKnowledge, ROOT } from '../scripts/knowledge-node';
import type { Purpose } from '../lib/types';
import { record } from './results';

const LABELS: Purpose[] = ['essential', 'functional', 'analytics', 'advertising'];

export function classifierFigures(): void {
  const file = path.resolve(ROOT, '../shared/data/cookieblock/example_crawl_part_a.json');
  const records = Object.values(JSON.parse(readFileSync(file, 'utf8')) as Record<string, { name: string; domain: string; label: number }>);
  const knowledge = loadKnowledge();
  const judge = (r: { name: string; domain: string }) =>
    decide({ name: r.name, domain: r.domain, policy: 'pending', declaration: null, choice: 'essential-only', knowledge });
  const perClass = new Map<Purpose, { n: number; right: number }>(LABELS.map((l) => [l, { n: 0, right: 0 }]));
  let unknown = 0;
  let essentialCalledTracking = 0;
  for (const r of records) {
    const want = LABELS[r.label];
    if (!want) continue;
    const got = judge(r).purpose;
    const c = perClass.get(want)!;
    c.n++;
    if (got === want) c.right++;
    if (got === 'unknown') unknown++;
    if (want === 'essential' && (got === 'analytics' || got === 'advertising')) essentialCalledTracking++;
  }
  // Time: every record judged 20 times after the pass above warmed everything up.
  const t0 = performance.now();
  const rounds = 20;
  for (let i = 0; i < rounds; i++) for (const r of records) judge(r);
  const msPerCookie = (performance.now() - t0) / (rounds * records.length);

  const recall = (l: Purpose) => perClass.get(l)!.right / Math.max(1, perClass.get(l)!.n);
  const balanced = LABELS.reduce((a, l) => a + recall(l), 0) / LABELS.length;
  record('classifier.cookies', records.length);
  record('classifier.balanced_accuracy', balanced);
  for (const l of LABELS) record(`classifier.recall.${l}` as 'classifier.recall.essential', recall(l));
  record('classifier.unknown_share', unknown / records.length);
  record('classifier.necessary_called_tracking', essentialCalledTracking / Math.max(1, perClass.get('essential')!.n));
  record('classifier.ms_per_cookie', msPerCookie);
  record('classifier.model_bytes', null, 'no model yet: the knowledge base and a name regex');
  console.log(
    `balanced accuracy ${balanced.toFixed(3)} (${LABELS.map((l) => `${l} ${recall(l).toFixed(2)}`).join(', ')}); ` +
      `unknown ${((100 * unknown) / records.length).toFixed(1)} %; ${msPerCookie.toFixed(4)} ms per cookie`,
  );
}
