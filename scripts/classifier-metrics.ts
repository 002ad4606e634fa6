/** Scores of purpose answers against the crawl's labels (bench and training). */
import { CLASSES } from '../lib/cookies/features';
import type { Purpose } from '../lib/types';

export interface Scored {
  label: Purpose;
  answer: Purpose;
  name: string;
  site: string;
}

export interface Scores {
  n: number;
  unknownShare: number;
  /** Mean per-class recall over the answered cookies. */
  balancedAccuracy: number;
  /** Mean per-class recall counting `unknown` as wrong. */
  balancedAccuracyAll: number;
  accuracy: number;
  recall: number[];
  precision: number[];
  f1: number[];
  /** rows: true class; columns: the four classes then unknown. */
  confusion: number[][];
  /** Share of necessary cookies answered analytics or advertising. */
  necessaryAsTracking: number;
  necessaryAsTrackingCount: number;
  necessaryCount: number;
  /** Of those, how many carry a name that other sites label analytics or advertising. */
  necessaryAsTrackingNamedTrackingElsewhere: number;
}

export function score(rows: Scored[]): Scores {
  const confusion = CLASSES.map(() => [0, 0, 0, 0, 0]);
  for (const r of rows) {
    const t = CLASSES.indexOf(r.label);
    const a = r.answer === 'unknown' ? 4 : CLASSES.indexOf(r.answer);
    confusion[t]![a]!++;
  }
  const recall: number[] = [];
  const precision: number[] = [];
  const f1: number[] = [];
  const recallAll: number[] = [];
  for (let k = 0; k < 4; k++) {
    const row = confusion[k]!;
    const answered = row[0]! + row[1]! + row[2]! + row[3]!;
    const called = confusion.reduce((s, r) => s + r[k]!, 0);
    const r = answered ? row[k]! / answered : 0;
    const p = called ? row[k]! / called : 0;
    recall.push(r);
    precision.push(p);
    f1.push(r + p ? (2 * r * p) / (r + p) : 0);
    recallAll.push(row[k]! / Math.max(1, answered + row[4]!));
  }
  const unknown = confusion.reduce((s, r) => s + r[4]!, 0);
  const right = confusion.reduce((s, r, k) => s + r[k]!, 0);
  const necessary = rows.filter((r) => r.label === 'essential');
  const asTracking = necessary.filter((r) => r.answer === 'analytics' || r.answer === 'advertising');
  const trackingElsewhere = asTracking.filter((r) =>
    rows.some((o) => o.name === r.name && o.site !== r.site && (o.label === 'analytics' || o.label === 'advertising')),
  );
  return {
    n: rows.length,
    unknownShare: unknown / Math.max(1, rows.length),
    balancedAccuracy: recall.reduce((a, b) => a + b, 0) / 4,
    balancedAccuracyAll: recallAll.reduce((a, b) => a + b, 0) / 4,
    accuracy: right / Math.max(1, rows.length - unknown),
    recall,
    precision,
    f1,
    confusion,
    necessaryAsTracking: asTracking.length / Math.max(1, necessary.length),
    necessaryAsTrackingCount: asTracking.length,
    necessaryCount: necessary.length,
    necessaryAsTrackingNamedTrackingElsewhere: trackingElsewhere.length,
  };
}

export function printScores(s: Scores, indent = '  '): void {
  const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
  console.log(`${indent}balanced accuracy ${s.balancedAccuracy.toFixed(3)} on the answered (${s.balancedAccuracyAll.toFixed(3)} counting unknown as wrong); accuracy ${s.accuracy.toFixed(3)}; unknown ${pct(s.unknownShare)} of ${s.n}`);
  console.log(
    `${indent}necessary called analytics/advertising: ${pct(s.necessaryAsTracking)} (${s.necessaryAsTrackingCount} of ${s.necessaryCount}); ` +
      `of those, ${s.necessaryAsTrackingNamedTrackingElsewhere} carry a name other sites label analytics/advertising`,
  );
  console.log(`${indent}${'class'.padEnd(12)} recall    F1  precision`);
  CLASSES.forEach((c, k) => console.log(`${indent}${c.padEnd(12)} ${s.recall[k]!.toFixed(3)} ${s.f1[k]!.toFixed(3)}  ${s.precision[k]!.toFixed(3)}`));
  console.log(`${indent}confusion (rows: the site's label; columns: answer)`);
  console.log(`${indent}${''.padEnd(12)} ${[...CLASSES, 'unknown'].map((c) => c.slice(0, 9).padStart(9)).join(' ')}`);
  CLASSES.forEach((c, k) => console.log(`${indent}${c.padEnd(12)} ${s.confusion[k]!.map((x) => String(x).padStart(9)).join(' ')}`));
}
