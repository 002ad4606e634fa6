import { describe, expect, it } from 'vitest';
import { applyOutcome, declarationOf, diffNames, markAttempt, nextAction, REFRESH_AFTER_MS, type PolicyCacheEntry } from './cache';
import type { DiscoveryOutcome, FoundDocument } from './discover';
import type { Declaration } from '../../types';

const T0 = Date.parse('2026-11-20T10:00:00Z');
const ctx = (now: number) => ({ site: 'example.com', parser: 1, now, input: null, random: () => 0.5 });

function doc(names: string[], sha: string): FoundDocument {
  const declaration: Declaration = {
    sources: [{ url: 'https://example.com/cookies', kind: 'html', sha256: sha, fetchedAt: new Date(T0).toISOString() }],
    cookies: names.map((name) => ({ name, match: 'exact', pattern: name, purposeAsWritten: null, purpose: 'analytics', durationSeconds: null, durationAsWritten: null, provider: null, domain: null })),
    storage: [],
    providers: [],
    statements: { dnt: { stance: 'unspecified', sentence: null }, gpc: { stance: 'unspecified', sentence: null } },
    links: [],
    warnings: [],
  };
  return { url: 'https://example.com/cookies', via: 'page-link', etag: '"1"', lastModified: null, declaration };
}
const found = (names: string[], sha: string): DiscoveryOutcome => ({ status: 'found', documents: [doc(names, sha)], attempts: [], hash: sha });
const failed = (reason: string): DiscoveryOutcome => ({ status: 'error', reason, attempts: [] });

describe('policy cache', () => {
  it('discovers when empty or from another parser version, uses a fresh entry, refreshes after 24 h', () => {
    expect(nextAction(null, 1, T0)).toBe('discover');
    const e = applyOutcome(null, found(['_ga'], 'a'), ctx(T0));
    expect(nextAction(e, 2, T0)).toBe('discover');
    expect(nextAction(e, 1, T0 + 1000)).toBe('use');
    expect(nextAction(e, 1, T0 + REFRESH_AFTER_MS)).toBe('refresh');
    expect(declarationOf(e)?.cookies.map((c) => c.name)).toEqual(['_ga']);
  });

  it('keeps the date of a version that did not change', () => {
    const e1 = applyOutcome(null, found(['_ga'], 'a'), ctx(T0));
    const e2 = applyOutcome(e1, found(['_ga'], 'a'), ctx(T0 + REFRESH_AFTER_MS));
    expect(e2.fetchedAt).toBe(e1.fetchedAt);
    expect(e2.checkedAt).not.toBe(e1.checkedAt);
    expect(e2.change).toBeNull();
  });

  it('a refreshed policy declaring other cookies: previous hash and date, +N / -M with the names', () => {
    const e1 = applyOutcome(null, found(['_ga', '_gid', 'session'], 'a'), ctx(T0));
    const later = T0 + REFRESH_AFTER_MS;
    const e2 = applyOutcome(e1, found(['_ga', 'session', '_fbp', '_hjid'], 'b'), ctx(later));
    expect(e2.change).toEqual({
      on: new Date(later).toISOString(),
      previousHash: e1.hash,
      previousDate: new Date(T0).toISOString(),
      added: ['_fbp', '_hjid'],
      removed: ['_gid'],
    });
    expect(e2.fetchedAt).toBe(new Date(later).toISOString());
    // text changed, same cookies: no new change notice (the old one stays)
    const e3 = applyOutcome(e2, found(['_ga', 'session', '_fbp', '_hjid'], 'c'), ctx(later + 1));
    expect(e3.change).toEqual(e2.change);
  });

  it('failures back off; a failed refresh keeps the policy it had', () => {
    const e1 = applyOutcome(null, failed('HTTP 500'), ctx(T0));
    expect(e1).toMatchObject({ status: 'error', reason: 'HTTP 500', failures: 1, retryAt: new Date(T0 + 60_000).toISOString() });
    expect(nextAction(e1, 1, T0 + 59_000)).toBe('use');
    expect(nextAction(e1, 1, T0 + 60_000)).toBe('discover');
    const e2 = applyOutcome(e1, failed('HTTP 500'), ctx(T0 + 60_000));
    expect(e2.retryAt).toBe(new Date(T0 + 60_000 + 240_000).toISOString());

    const ok = applyOutcome(null, found(['_ga'], 'a'), ctx(T0));
    const stale = applyOutcome(ok, failed('timed out'), ctx(T0 + REFRESH_AFTER_MS));
    expect(stale).toMatchObject({ status: 'found', reason: 'timed out', failures: 1 });
    expect(declarationOf(stale)?.cookies).toHaveLength(1);
    expect(nextAction(stale, 1, T0 + REFRESH_AFTER_MS + 61_000)).toBe('refresh');
  });

  it('an attempt recorded before fetching is not started again at once', () => {
    const marked = markAttempt(null, 'example.com', 1, T0);
    expect(nextAction(marked, 1, T0 + 1000)).toBe('use');
    expect(nextAction(marked, 1, T0 + 120_000)).toBe('discover');
  });

  it('diffNames', () => {
    expect(diffNames(['a', 'b'], ['b', 'c'])).toEqual({ added: ['c'], removed: ['a'] });
    expect(diffNames([], [])).toEqual({ added: [], removed: [] });
  });
});
