/**
 * The second corpus (issue 13): seven documents whose ground truth was written by hand before the reader was
 * tuned on them (tests/fixtures/policies-second). Scores and time per document, recorded for results.json.
 */
import { readDocument } from '../lib/policy/read/read';
import { scoreDocument, totals } from './score';
import { FIXTURES_SECOND, hintOf, loadCorpus } from '../tests/support/corpus';
import { loadKnowledge } from '../scripts/knowledge-node';
import { record } from './results';

export function benchSecondCorpus(reads: number): void {
  const knowledge = loadKnowledge();
  const docs = loadCorpus(FIXTURES_SECOND);
  const read = (d: (typeof docs)[number]) => readDocument(d.text, { url: d.file, knowledge, hint: hintOf(d.file) });
  const scores = docs.map((d) => scoreDocument(d.expected, read(d)));
  const t = totals(scores);
  const medians = docs.map((d) => {
    const times: number[] = [];
    for (let r = 0; r < reads; r++) {
      const t0 = performance.now();
      read(d);
      times.push(performance.now() - t0);
    }
    return times.sort((a, b) => a - b)[Math.floor((times.length - 1) / 2)]!;
  });
  const sorted = [...medians].sort((a, b) => a - b);
  const q = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
  const bytes = docs.reduce((a, d) => a + Buffer.byteLength(d.text), 0);
  const ms = medians.reduce((a, b) => a + b, 0);
  console.log(
    `second corpus, ${t.documents} docs: recall ${t.recall.toFixed(3)} precision ${t.precision.toFixed(3)} purpose ${t.purposeAccuracy.toFixed(3)} ` +
      `duration ${t.durationAccuracy.toFixed(3)}; p50 ${q(0.5).toFixed(2)} ms, p95 ${q(0.95).toFixed(2)} ms, ${(bytes / 1e6 / (ms / 1000)).toFixed(2)} MB/s`,
  );
  record('extraction.second.documents', t.documents);
  record('extraction.second.recall', t.recall);
  record('extraction.second.precision', t.precision);
  record('extraction.second.purpose', t.purposeAccuracy);
  record('extraction.second.duration', t.durationAccuracy);
  record('extraction.second.p50_ms', q(0.5));
  record('extraction.second.p95_ms', q(0.95));
  record('extraction.second.mb_per_s', bytes / 1e6 / (ms / 1000));
}
