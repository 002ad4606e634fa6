/** Print the per-document score table (also used by npm run bench). */
import { readDocument } from '../lib/policy/read/read';
import { scoreDocument, totals, type DocumentScore } from './score';
import { loadCorpus, hintOf } from '../tests/support/corpus';
import { loadKnowledge } from '../scripts/knowledge-node';

export function scoreCorpus(verbose = false): { scores: DocumentScore[]; times: Array<{ doc: string; ms: number; bytes: number }> } {
  const knowledge = loadKnowledge();
  const scores: DocumentScore[] = [];
  const times: Array<{ doc: string; ms: number; bytes: number }> = [];
  for (const doc of loadCorpus()) {
    const t0 = performance.now();
    const d = readDocument(doc.text, { url: doc.file, knowledge, hint: hintOf(doc.file) });
    times.push({ doc: doc.expected.document, ms: performance.now() - t0, bytes: Buffer.byteLength(doc.text) });
    const s = scoreDocument(doc.expected, d);
    scores.push(s);
  }
  const pct = (a: number, b: number) => (b === 0 ? '  -  ' : ((100 * a) / b).toFixed(0).padStart(4) + '%');
  console.log('document'.padEnd(48), 'exp', 'got', 'match', 'recall', 'prec.', 'purpose', 'durat.');
  for (const s of scores) {
    console.log(
      s.document.slice(0, 47).padEnd(48),
      String(s.expected).padStart(3),
      String(s.extracted).padStart(3),
      String(s.matched).padStart(5),
      pct(s.matched, s.expected).padStart(6),
      pct(s.matched, s.extracted).padStart(5),
      pct(s.purposeRight, s.matched).padStart(7),
      pct(s.durationRight, s.durationsChecked).padStart(6),
    );
    if (verbose) {
      if (s.missed.length) console.log('   missed:', s.missed.slice(0, 30).join(' '));
      if (s.spurious.length) console.log('   spurious:', s.spurious.slice(0, 30).join(' '));
      if (s.wrongPurpose.length) console.log('   purpose:', s.wrongPurpose.slice(0, 20).map((w) => `${w.name}:${w.expected}->${w.got}`).join(' '));
    }
  }
  const t = totals(scores);
  console.log(
    `TOTAL ${t.documents} docs: recall ${t.recall.toFixed(3)} precision ${t.precision.toFixed(3)} purpose ${t.purposeAccuracy.toFixed(3)} duration ${t.durationAccuracy.toFixed(3)} (${t.matched}/${t.expected} matched, ${t.extracted} extracted)`,
  );
  return { scores, times };
}

if (process.argv[1]?.endsWith('score-table.ts')) scoreCorpus(process.argv.includes('-v'));
