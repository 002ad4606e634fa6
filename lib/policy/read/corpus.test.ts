/**
 * The reader measured against hand-written ground truth for the corpus and the seeds
 * (tests/fixtures/policies/). Fails under the bars: recall 0.95, precision 0.95, purpose 0.90.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { readDocument } from './read';
import { scoreDocument, totals, type DocumentScore } from '../../../bench/score';
import { loadCorpus, hintOf, SHARED } from '../../../tests/support/corpus';
import { loadKnowledge } from '../../../scripts/knowledge-node';

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

describe('every corpus document and consent-platform sample', () => {
  const shared = path.join(SHARED, 'data');
  const files = (dir: string): string[] =>
    readdirSync(dir).flatMap((f) => {
      const full = path.join(dir, f);
      return statSync(full).isDirectory() ? files(full) : [full];
    });
  const documents = files(path.join(shared, 'policies')).filter((f) => !/LICENSES|INDEX\.md|index\.json/.test(f));
  const samples = files(path.join(shared, 'cmp-samples')).filter((f) => /\.(json|txt)$/.test(f) && !/LICEN[CS]E/.test(f));

  it('are all there (40 documents, the samples)', () => {
    expect(documents.length).toBe(40);
    expect(samples.length).toBeGreaterThanOrEqual(11);
  });

  it.each([...documents, ...samples].map((f) => [path.relative(shared, f), f]))('%s reads without an exception', (_, file) => {
    const text = readFileSync(file, 'utf8');
    const sha256 = createHash('sha256').update(text).digest('hex');
    const declaration = readDocument(text, { url: file, knowledge, sha256 });
    expect(Array.isArray(declaration.cookies)).toBe(true);
    // The hash computed where the text was fetched is what the declaration records, platform readers included.
    expect(declaration.sources.map((s) => s.sha256)).toEqual(declaration.sources.map(() => sha256));
  });
});
