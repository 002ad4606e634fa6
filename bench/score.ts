/**
 * Scoring a declaration against hand-written ground truth (tests/fixtures/policies/*.expected.json):
 * name recall and precision (a pattern matches a pattern), purpose accuracy and duration accuracy over
 * the matched names.
 */
import type { Declaration, Purpose } from '../lib/types';
import { compileName, matchesName, patternsOverlap, type NamePattern } from '../lib/cookies/pattern';

export interface ExpectedCookie {
  name: string;
  purposeAsWritten: string | null;
  purpose: Purpose;
  durationSeconds: number | null;
  provider: string | null;
}

export interface Expected {
  document: string;
  /** Where `document` lives: ../shared/data/policies, ../shared/seeds, or tests/fixtures/documents. */
  corpus: 'policies' | 'seeds' | 'fixtures' | 'policies-second';
  language: string;
  format: string;
  cookies: ExpectedCookie[];
  providers?: string[];
  dnt?: string;
  gpc?: string;
}

export interface DocumentScore {
  document: string;
  expected: number;
  extracted: number;
  matched: number;
  purposeRight: number;
  durationsChecked: number;
  durationRight: number;
  missed: string[];
  spurious: string[];
  wrongPurpose: Array<{ name: string; expected: Purpose; got: Purpose }>;
}

const DURATION_TOLERANCE = 0.05;

function normal(name: string): string {
  return name.replace(/\\/g, '').trim();
}

function patternOf(name: string): NamePattern {
  return compileName(normal(name)) ?? { match: 'exact', pattern: normal(name) };
}

export function scoreDocument(expected: Expected, got: Declaration): DocumentScore {
  const extracted = got.cookies.filter((c) => !c.expandedFrom);
  const used = new Array<boolean>(extracted.length).fill(false);
  const score: DocumentScore = {
    document: expected.document,
    expected: expected.cookies.length,
    extracted: extracted.length,
    matched: 0,
    purposeRight: 0,
    durationsChecked: 0,
    durationRight: 0,
    missed: [],
    spurious: [],
    wrongPurpose: [],
  };
  for (const e of expected.cookies) {
    const ep = patternOf(e.name);
    // Exact text first, then same purpose, then any overlapping pattern.
    let idx = extracted.findIndex((d, i) => !used[i] && normal(d.name) === normal(e.name) && d.purpose === e.purpose);
    if (idx < 0) idx = extracted.findIndex((d, i) => !used[i] && normal(d.name) === normal(e.name));
    if (idx < 0) idx = extracted.findIndex((d, i) => !used[i] && overlap(ep, d));
    if (idx < 0) {
      score.missed.push(e.name);
      continue;
    }
    used[idx] = true;
    const d = extracted[idx]!;
    score.matched++;
    if (d.purpose === e.purpose) score.purposeRight++;
    else score.wrongPurpose.push({ name: e.name, expected: e.purpose, got: d.purpose });
    if (e.durationSeconds !== null) {
      score.durationsChecked++;
      if (d.durationSeconds !== null && Math.abs(d.durationSeconds - e.durationSeconds) <= e.durationSeconds * DURATION_TOLERANCE) {
        score.durationRight++;
      }
    }
  }
  extracted.forEach((d, i) => {
    if (!used[i]) score.spurious.push(d.name);
  });
  return score;
}

function overlap(ep: NamePattern, d: { name: string; match: NamePattern['match']; pattern: string }): boolean {
  const dp: NamePattern = { match: d.match, pattern: d.pattern };
  if (ep.match === 'exact' && dp.match === 'exact') return ep.pattern === dp.pattern;
  return patternsOverlap(ep, dp) || matchesName(dp, ep.pattern);
}

export interface Totals {
  documents: number;
  expected: number;
  extracted: number;
  matched: number;
  recall: number;
  precision: number;
  purposeAccuracy: number;
  durationAccuracy: number;
}

export function totals(scores: DocumentScore[]): Totals {
  const sum = (f: (s: DocumentScore) => number) => scores.reduce((a, s) => a + f(s), 0);
  const expected = sum((s) => s.expected);
  const extracted = sum((s) => s.extracted);
  const matched = sum((s) => s.matched);
  const checked = sum((s) => s.durationsChecked);
  return {
    documents: scores.length,
    expected,
    extracted,
    matched,
    recall: expected === 0 ? 1 : matched / expected,
    precision: extracted === 0 ? 1 : matched / extracted,
    purposeAccuracy: matched === 0 ? 1 : sum((s) => s.purposeRight) / matched,
    durationAccuracy: checked === 0 ? 1 : sum((s) => s.durationRight) / checked,
  };
}
