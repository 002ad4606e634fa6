/** The policy corpus and its hand-written ground truth, for the scoring test and the bench. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../../scripts/knowledge-node';
import type { Expected } from '../../bench/score';

export const SHARED = path.resolve(ROOT, '../shared');
export const FIXTURES = path.join(ROOT, 'tests/fixtures/policies');
/** Documents we wrote by hand (corpus "fixtures"), for languages the shared corpus lacks. */
export const DOCUMENTS = path.join(ROOT, 'tests/fixtures/documents');
/** Ground truth for the second corpus, written by hand before the reader was run on it (issue 13). */
export const FIXTURES_SECOND = path.join(ROOT, 'tests/fixtures/policies-second');

const CORPUS_DIRS: Record<Expected['corpus'], string> = {
  policies: path.join(SHARED, 'data/policies'),
  seeds: path.join(SHARED, 'seeds'),
  fixtures: DOCUMENTS,
  'policies-second': path.join(SHARED, 'data/policies-second'),
};

export interface CorpusDocument {
  expected: Expected;
  file: string;
  text: string;
}

export function loadCorpus(fixtures: string = FIXTURES): CorpusDocument[] {
  return readdirSync(fixtures)
    .filter((f) => f.endsWith('.expected.json'))
    .sort()
    .map((f) => {
      const expected = JSON.parse(readFileSync(path.join(fixtures, f), 'utf8')) as Expected;
      const dir = CORPUS_DIRS[expected.corpus];
      if (!dir) throw new Error(`${f}: unknown corpus ${JSON.stringify(expected.corpus)}`);
      const file = path.join(dir, expected.document);
      return { expected, file, text: readFileSync(file, 'utf8') };
    });
}

/** The format hint a file name gives (the content still decides). */
export function hintOf(file: string): 'html' | 'markdown' | 'text' | undefined {
  if (/\.md$/.test(file)) return 'markdown';
  if (/\.(html?|njk|php)$/.test(file)) return 'html';
  if (/\.txt$/.test(file)) return 'text';
  return undefined;
}
