/**
 * The reader measured against hand-written ground truth for the corpus and the seeds
 * (tests/fixtures/policies/). Fails under the bars: recall 0.95, precision 0.95, purpose 0.90.
 */
import { describe, expect, it } from 'vitest';
import { readDocument } from './read';
import { scoreDocument, totals, type DocumentScore } from './score';
import { loadCorpus, hintOf } from '../../tests/support/corpus';
import { loadKnowledge } from '../../scripts/knowledge-node';

const corpus = loadCorpus();
const knowledge = loadKnowledge();
const scores: DocumentScore[] = [];

describe('policy reader on the corpus', () => {
  it('has ground truth for at least 25 corpus documents and the three seeds', () => {
    expect(corpus.filter((d) => d.expected.corpus === 'policies').length).toBeGreaterThanOrEqual(25);
    expect(corpus.filter((d) => d.expected.corpus === 'seeds').length).toBe(3);
  });

  for (const doc of corpus) {
    it(`reads ${doc.expected.document}`, () => {
      const declaration = readDocument(doc.text, { url: doc.file, knowledge, hint: hintOf(doc.file) });
      const score = scoreDocument(doc.expected, declaration);
      scores.push(score);
    });
  }

  it('meets the bars overall', () => {
    const t = totals(scores);
    console.log(
      `corpus: ${t.documents} documents, recall ${t.recall.toFixed(3)}, precision ${t.precision.toFixed(3)}, ` +
        `purpose ${t.purposeAccuracy.toFixed(3)}, duration ${t.durationAccuracy.toFixed(3)}`,
    );
    // Issue 4's bars.
    expect(t.recall).toBeGreaterThanOrEqual(0.95);
    expect(t.precision).toBeGreaterThanOrEqual(0.95);
    expect(t.purposeAccuracy).toBeGreaterThanOrEqual(0.9);
  });
});
