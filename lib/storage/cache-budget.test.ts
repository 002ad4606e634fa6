import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { emptyIndex, evictionPlan, lruOrder, quotaEvictionPlan, readCacheIndex, totalBytes, touch, without, type CacheIndex } from './cache-budget';

const KB = 1024;

describe('policy cache budget (LRU)', () => {
  it('evicts the least recently used sites until the new entry fits', () => {
    let i = emptyIndex();
    i = touch(i, 'a.example', 1, 300 * KB);
    i = touch(i, 'b.example', 2, 300 * KB);
    i = touch(i, 'c.example', 3, 300 * KB);
    i = touch(i, 'a.example', 4); // read again: now the most recent
    expect(lruOrder(i)).toEqual(['b.example', 'c.example', 'a.example']);
    expect(evictionPlan(i, 1000 * KB, 'd.example', 50 * KB)).toEqual([]);
    expect(evictionPlan(i, 1000 * KB, 'd.example', 200 * KB)).toEqual(['b.example']);
    expect(evictionPlan(i, 1000 * KB, 'd.example', 500 * KB)).toEqual(['b.example', 'c.example']);
    // rewriting a site replaces its own size, and never evicts itself
    expect(evictionPlan(i, 1000 * KB, 'b.example', 500 * KB)).toEqual(['c.example']);
  });

  it('on a quota error frees at least what is needed and at least half', () => {
    let i = emptyIndex();
    for (let n = 0; n < 10; n++) i = touch(i, `s${n}.example`, n, 100 * KB);
    const plan = quotaEvictionPlan(i, 10 * KB, 's0.example');
    expect(plan).not.toContain('s0.example');
    expect(totalBytes(without(i, plan))).toBeLessThanOrEqual(500 * KB);
    expect(plan[0]).toBe('s1.example');
    // and whatever is over the budget
    expect(totalBytes(without(i, quotaEvictionPlan(i, 0, null, 200 * KB)))).toBeLessThanOrEqual(200 * KB);
  });

  it('reads back a valid index, repairs a damaged one', () => {
    const i = touch(emptyIndex(), 'a.example', 5, 10);
    expect(readCacheIndex(JSON.parse(JSON.stringify(i)))).toEqual(i);
    expect(readCacheIndex(null)).toBeNull();
    expect(readCacheIndex({ version: 2, sites: {} })).toBeNull();
    expect(readCacheIndex({ version: 1, sites: { 'a.example': { bytes: 'x', usedAt: 1 }, 'b.example': { bytes: 3, usedAt: 2 } } })).toEqual({
      version: 1,
      sites: { 'b.example': { bytes: 3, usedAt: 2 } },
    });
  });

  it('property: after the plan, the total is within budget (or only the new entry is left)', () => {
    const index = fc
      .array(fc.tuple(fc.stringMatching(/^[a-z]{1,8}\.example$/), fc.integer({ min: 0, max: 600 * KB }), fc.integer({ min: 0, max: 1e6 })), { maxLength: 40 })
      .map((rows) => rows.reduce<CacheIndex>((i, [s, b, t]) => touch(i, s, t, b), emptyIndex()));
    fc.assert(
      fc.property(index, fc.stringMatching(/^[a-z]{1,8}\.example$/), fc.integer({ min: 0, max: 600 * KB }), fc.integer({ min: 0, max: 4096 * KB }), (i, site, bytes, budget) => {
        const plan = evictionPlan(i, budget, site, bytes);
        expect(plan).not.toContain(site);
        const after = touch(without(i, plan), site, 2e6, bytes);
        const rest = Object.keys(after.sites).filter((s) => s !== site);
        if (totalBytes(after) > budget) expect(rest).toEqual([]);
        // Only the least recently used went: every kept site was used no earlier than every evicted one.
        const keptTimes = rest.map((s) => i.sites[s]!.usedAt);
        for (const s of plan) for (const t of keptTimes) expect(i.sites[s]!.usedAt).toBeLessThanOrEqual(t);
      }),
      { numRuns: 1_000 },
    );
  });
});
