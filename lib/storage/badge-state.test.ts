import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { cookieId, emptySnapshot, mergeBreaches, readBadgeSnapshot, sameIds, withSite, type BreachRow } from './badge-state';

const row = (name: string, breach: boolean, domain = 'kopano.test', partitioned = false): BreachRow => ({
  name,
  domain,
  partitioned,
  breaches: breach ? ['undeclared'] : [],
});

describe('badge state across worker restarts', () => {
  it('a woken worker keeps counting a breach it no longer sees (removed, or a third party not set again)', () => {
    // Before the stop: _fbp (removed) and IDE (partitioned third party) were in breach.
    const before = mergeBreaches(undefined, [row('PHPSESSID', false), row('_fbp', true, '.kopano.test'), row('IDE', true, 'youtube.test', true)]);
    expect(before).toHaveLength(2);
    const snap = withSite(emptySnapshot(), 'kopano.test', before);
    const stored = readBadgeSnapshot(JSON.parse(JSON.stringify(snap)));
    // After the stop: only what is still in the store is seen again.
    expect(mergeBreaches(stored.sites['kopano.test'], [row('PHPSESSID', false)])).toEqual(before);
  });

  it('a remembered breach judged clean now is dropped; a new one is added', () => {
    const remembered = [cookieId(row('_fbp', true, '.kopano.test'))];
    expect(mergeBreaches(remembered, [row('_fbp', false, 'kopano.test')])).toEqual([]);
    expect(mergeBreaches(remembered, [row('_hjid', true)])).toHaveLength(2);
  });

  it('keeps at most 300 sites, the most recent', () => {
    let s = emptySnapshot();
    for (let i = 0; i < 310; i++) s = withSite(s, `s${i}.example`, ['a||']);
    expect(Object.keys(s.sites)).toHaveLength(300);
    expect(s.sites['s0.example']).toBeUndefined();
    expect(s.sites['s309.example']).toEqual(['a||']);
    expect(Object.keys(withSite(s, 's309.example', []).sites)).toHaveLength(299);
  });

  it('property: reading any stored value never throws and is idempotent; merging never loses a live breach', () => {
    fc.assert(
      fc.property(fc.oneof(fc.anything(), fc.record({ version: fc.constant(1), sites: fc.dictionary(fc.string(), fc.array(fc.oneof(fc.string(), fc.anything()))) })), (raw) => {
        const s = readBadgeSnapshot(raw);
        expect(readBadgeSnapshot(JSON.parse(JSON.stringify(s)))).toEqual(s);
      }),
      { numRuns: 1_000 },
    );
    const rows = fc.array(fc.record({ name: fc.string({ maxLength: 8 }), domain: fc.constantFrom('a.test', '.a.test', 'b.test'), partitioned: fc.boolean(), breaches: fc.constantFrom([], ['undeclared']) }), { maxLength: 20 });
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 12 }), { maxLength: 20 }), rows, (remembered, live) => {
        const merged = mergeBreaches(remembered, live);
        const liveBreach = new Set(live.filter((r) => r.breaches.length > 0).map(cookieId));
        const liveClean = new Set(live.filter((r) => r.breaches.length === 0).map(cookieId));
        for (const id of liveBreach) expect(merged).toContain(id);
        for (const id of merged) expect(liveBreach.has(id) || (remembered.includes(id) && !liveClean.has(id))).toBe(true);
        expect(sameIds(mergeBreaches(merged, live), merged)).toBe(true);
      }),
      { numRuns: 1_000 },
    );
  });
});
