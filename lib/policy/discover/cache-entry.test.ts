/**
 * The stored policy cache entry (issue 8 §3): read back field by field, a corrupt or half-written entry is
 * discarded (never left "pending"), an unparsable retry time is due, URLs are stored without tokens, and an
 * entry over the per-entry cap is trimmed or not stored.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  applyOutcome,
  declarationOf,
  entrySize,
  markAttempt,
  nextAction,
  readCacheEntry,
  trimEntry,
  type PolicyCacheEntry,
} from './cache';
import type { DiscoveryInput, DiscoveryOutcome, FoundDocument } from './discover';
import { readDocument } from '../read/read';
import { loadCorpus, hintOf } from '../../../tests/support/corpus';
import { loadKnowledge } from '../../../scripts/knowledge-node';

const T0 = Date.parse('2026-11-20T10:00:00Z');
const knowledge = loadKnowledge();
const roundTrip = <T>(x: T): unknown => JSON.parse(JSON.stringify(x));

/** Real declarations: the corpus documents as the reader reads them. */
const corpus = loadCorpus().slice(0, 12);
const realDocs: FoundDocument[] = corpus.map((c, i) => ({
  url: `https://site${i}.example/cookie-policy`,
  via: 'page-link',
  etag: i % 2 ? '"v1"' : null,
  lastModified: null,
  declaration: readDocument(c.text, { url: `https://site${i}.example/cookie-policy`, knowledge, fetchedAt: new Date(T0).toISOString(), hint: hintOf(c.file), sha256: createHash('sha256').update(c.text).digest('hex') }),
}));
/** A discovery that found these documents (its hash as `documentsHash` would give: one per set of texts). */
const found = (documents: FoundDocument[]) => ({
  status: 'found' as const,
  documents,
  attempts: [],
  hash: documents.map((d) => d.declaration.sources.map((s) => s.sha256).join(',')).join('|'),
});

const input: DiscoveryInput = {
  pageUrl: 'https://shop.example/account?session=s3cr3tT0ken#x',
  lang: 'en',
  pointers: [
    { platform: 'cookiebot', cbid: '0a1b', url: 'https://consent.cookiebot.com/0a1b/cc.js', referer: 'https://shop.example/?token=abc' },
    { platform: 'klaro', json: '{"services":[]}' },
  ],
  links: [{ url: 'https://shop.example/cookies?sid=9f8e7D6c5B4a#access_token=xyz', text: 'Cookies', kind: 'cookie-policy' }],
};

function entryFrom(outcome: DiscoveryOutcome, now = T0): PolicyCacheEntry {
  return applyOutcome(null, outcome, { site: 'shop.example', parser: 7, now, input, random: () => 0.5 });
}

describe('readCacheEntry', () => {
  it('reads back every entry the cache writes (real declarations, after a JSON round trip)', () => {
    for (const doc of realDocs) {
      const e = entryFrom(found([doc]));
      expect(readCacheEntry(roundTrip(e))).toEqual(roundTrip(e));
    }
    for (const outcome of [
      { status: 'none', reason: 'no policy link on the page', attempts: [] },
      { status: 'error', reason: 'HTTP 500', attempts: [] },
    ] as DiscoveryOutcome[]) {
      const e = entryFrom(outcome);
      expect(readCacheEntry(roundTrip(e))).toEqual(roundTrip(e));
      expect(readCacheEntry(roundTrip(markAttempt(e, 'shop.example', 7, T0 + 5)))).not.toBeNull();
    }
  });

  it('discards a half-written or corrupt entry (the site is discovered again, not left pending)', () => {
    const good = roundTrip(entryFrom(found([realDocs[0]!]))) as Record<string, unknown>;
    const bad: unknown[] = [
      null,
      'x',
      [],
      {},
      { ...good, documents: 'oops' },
      { ...good, documents: [] }, // "found" with nothing found: cut short
      { ...good, documents: [{ url: 'https://x' }] },
      { ...good, retryAt: 'next tuesday' },
      { ...good, checkedAt: 42 },
      { ...good, failures: Number.NaN },
      { ...good, failures: -1 },
      { ...good, status: 'maybe' },
      { ...good, format: 99 },
      { ...good, site: '' },
      (() => {
        const { hash: _hash, ...rest } = good;
        return rest;
      })(),
      JSON.parse(JSON.stringify(good).replace('"purpose":"', '"purpose":"x')),
    ];
    for (const raw of bad) expect(readCacheEntry(raw)).toBeNull();
  });

  it('an unparsable retry time is due now (today it was never retried)', () => {
    const e = entryFrom({ status: 'error', reason: 'timed out', attempts: [] });
    expect(nextAction(e, 7, T0)).toBe('use');
    expect(nextAction({ ...e, retryAt: 'garbage' }, 7, T0)).toBe('discover');
  });

  it('stores page and link URLs without query strings or fragments that can hold tokens', () => {
    const e = entryFrom(found([{ ...realDocs[0]!, url: 'https://shop.example/cookies?auth=Zx81Kq0pLmN2#t=1', referer: 'https://shop.example/p?session=abc' }]));
    const text = JSON.stringify(e);
    for (const secret of ['s3cr3tT0ken', 'token=abc', '9f8e7D6c5B4a', 'access_token', 'Zx81Kq0pLmN2', 'session=abc']) expect(text).not.toContain(secret);
    expect(e.input?.pageUrl).toBe('https://shop.example/account');
    expect(e.documents[0]!.url).toBe('https://shop.example/cookies');
  });

  it('trims an entry over the per-entry cap, dropping the stored inline config first, or does not store it', () => {
    const huge = { ...input, pointers: [{ platform: 'klaro' as const, json: 'x'.repeat(600_000) }] };
    const e = applyOutcome(null, found([realDocs[0]!]), { site: 's.example', parser: 7, now: T0, input: huge });
    expect(entrySize(e)).toBeGreaterThan(512 * 1024);
    const t = trimEntry(e)!;
    expect(entrySize(t)).toBeLessThanOrEqual(512 * 1024);
    expect(declarationOf(t)).toEqual(declarationOf(e));
    expect(t.input?.pointers).toEqual([]);
    expect(trimEntry(e, 100)).toBeNull();
    const small = entryFrom({ status: 'none', reason: 'none', attempts: [] });
    expect(trimEntry(small)).toBe(small);
  });

  // ---- Properties -------------------------------------------------------------------------------

  const outcome: fc.Arbitrary<DiscoveryOutcome> = fc.oneof(
    fc.subarray(realDocs, { minLength: 1, maxLength: 3 }).map(found),
    fc.string().map((reason) => ({ status: 'none' as const, reason, attempts: [] })),
    fc.string().map((reason) => ({ status: 'error' as const, reason, attempts: [] })),
  );
  const history = fc.array(fc.tuple(outcome, fc.integer({ min: 0, max: 10 * 86_400_000 })), { minLength: 1, maxLength: 4 });
  const written = history.map((steps) => {
    let e: PolicyCacheEntry | null = null;
    let now = T0;
    for (const [o, dt] of steps) {
      now += dt;
      e = applyOutcome(markAttempt(e, 'shop.example', 7, now), o, { site: 'shop.example', parser: 7, now, input, random: () => 0.5 });
    }
    return e!;
  });

  it('property: every entry the cache writes reads back equal', () => {
    fc.assert(
      fc.property(written, (e) => {
        expect(readCacheEntry(roundTrip(e))).toEqual(roundTrip(e));
      }),
      { numRuns: 1_000 },
    );
  });

  it('property: any stored value reads as null or as an entry the background can use without throwing', () => {
    // A stored entry with one field replaced by anything (half-written, another version, a bug), or junk.
    const mutated = fc.tuple(written, fc.constantFrom<keyof PolicyCacheEntry>('format', 'parser', 'site', 'status', 'reason', 'documents', 'input', 'hash', 'fetchedAt', 'checkedAt', 'attemptAt', 'failures', 'retryAt', 'change'), fc.jsonValue(), fc.boolean())
      .map(([e, key, value, remove]) => {
        const raw = roundTrip(e) as Record<string, unknown>;
        if (remove) delete raw[key];
        else raw[key] = value;
        return raw as unknown;
      });
    fc.assert(
      fc.property(fc.oneof(mutated, fc.anything(), fc.jsonValue()), fc.integer({ min: T0 - 86_400_000, max: T0 + 30 * 86_400_000 }), (raw, now) => {
        const e = readCacheEntry(raw);
        if (e === null) return true;
        // Usable: the background's next steps do not throw, and the action is one it knows.
        expect(['use', 'refresh', 'discover']).toContain(nextAction(e, 7, now));
        declarationOf(e);
        trimEntry(e);
        // Idempotent: reading what was read gives the same entry.
        expect(readCacheEntry(roundTrip(e))).toEqual(roundTrip(e));
        return true;
      }),
      { numRuns: 1_000 },
    );
  });

  it('property: a stored retry time is always eventually due (no site is stuck in error)', () => {
    fc.assert(
      fc.property(written, fc.oneof(fc.string(), fc.date({ noInvalidDate: false }).map((d) => (Number.isNaN(d.getTime()) ? 'Invalid Date' : d.toISOString()))), (e, retryAt) => {
        const read = readCacheEntry({ ...(roundTrip(e) as object), retryAt, attemptAt: null });
        const entry = read ?? { ...e, retryAt, attemptAt: null };
        return nextAction(entry, 7, 8.64e15) !== 'use';
      }),
      { numRuns: 1_000 },
    );
  });
});
