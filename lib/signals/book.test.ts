import { describe, expect, it } from 'vitest';
import { GPC_RECHECK_MS, GPC_RETRY_MS, gpcCheckDue, isSignalEntry, SignalBook } from './book';
import type { SiteStance } from './stance';

const honorsByFile: SiteStance = { stance: 'honors', source: 'gpc.json', signal: 'gpc', sentence: null };
const ignores: SiteStance = { stance: 'ignores', source: 'policy', signal: 'dnt', sentence: "We don't respond to DNT." };
const T = Date.parse('2026-12-01T10:00:00Z');
const check = (claim: boolean | null, retryable = false) => ({
  url: 'http://claims.test/.well-known/gpc.json',
  claim: claim === null ? null : { gpc: claim, lastUpdate: null, problem: null },
  problem: claim === null ? 'HTTP 404' : null,
  retryable,
  checkedAt: new Date(T).toISOString(),
});

describe('SignalBook', () => {
  it('a site that claims GPC and sets _ga is in breach, with the evidence and the claim', () => {
    const book = new SignalBook();
    book.setGpc('claims.test', check(true));
    expect(book.gpcClaim('claims.test')).toEqual({ gpc: true, lastUpdate: null, problem: null });
    const entry = book.noteSet('claims.test', honorsByFile, { name: '_ga', domain: '.claims.test', purpose: 'analytics', firstParty: true }, T);
    expect(entry?.breach).toEqual({
      on: '2026-12-01T10:00:00.000Z',
      claim: { source: 'gpc.json', signal: 'gpc', sentence: null, url: 'http://claims.test/.well-known/gpc.json' },
      cookies: [{ name: '_ga', domain: '.claims.test', purpose: 'analytics', at: '2026-12-01T10:00:00.000Z' }],
    });
    expect(book.isEvidence('claims.test', '_ga', '.claims.test')).toBe(true);
    // The same cookie again changes nothing (nothing to store); another one adds to the evidence.
    expect(book.noteSet('claims.test', honorsByFile, { name: '_ga', domain: '.claims.test', purpose: 'analytics', firstParty: true }, T + 1)).toBeNull();
    expect(book.noteSet('claims.test', honorsByFile, { name: 'IDE', domain: '.claims.test', purpose: 'advertising', firstParty: true }, T + 2)?.breach?.cookies).toHaveLength(2);
  });

  it('control: essential and functional cookies, third-party cookies, and sites that do not claim are no breach', () => {
    const book = new SignalBook();
    for (const purpose of ['essential', 'functional', 'unknown'] as const) {
      expect(book.noteSet('claims.test', honorsByFile, { name: 'sid', domain: 'claims.test', purpose, firstParty: true }, T)).toBeNull();
    }
    expect(book.noteSet('claims.test', honorsByFile, { name: 'IDE', domain: '.ads.test', purpose: 'advertising', firstParty: false }, T)).toBeNull();
    expect(book.noteSet('syncronis.test', ignores, { name: '_ga', domain: '.syncronis.test', purpose: 'analytics', firstParty: true }, T)).toBeNull();
    expect(book.breachOf('claims.test')).toBeNull();
    expect(book.gpcClaim('claims.test')).toBeUndefined();
  });

  it('tracking cookies set before the claim is known count once it says it honors, and are forgotten if it does not', () => {
    const unknown: SiteStance = { stance: 'unknown', source: null, signal: null, sentence: null };
    const book = new SignalBook();
    expect(book.noteSet('claims.test', unknown, { name: '_ga', domain: '.claims.test', purpose: 'analytics', firstParty: true }, T)).toBeNull();
    expect(book.noteSet('claims.test', unknown, { name: 'sid', domain: 'claims.test', purpose: 'essential', firstParty: true }, T)).toBeNull();
    expect(book.breachOf('claims.test')).toBeNull();
    expect(book.settle('claims.test', unknown)).toBeNull();
    book.setGpc('claims.test', check(true));
    const entry = book.settle('claims.test', honorsByFile);
    expect(entry?.breach?.cookies.map((c) => c.name)).toEqual(['_ga']);
    expect(entry?.breach?.on).toBe('2026-12-01T10:00:00.000Z');
    expect(book.settle('claims.test', honorsByFile)).toBeNull();

    book.noteSet('syncronis.test', unknown, { name: '_ga', domain: '.syncronis.test', purpose: 'analytics', firstParty: true }, T);
    expect(book.settle('syncronis.test', ignores)).toBeNull();
    expect(book.settle('syncronis.test', honorsByFile)).toBeNull();
    expect(book.breachOf('syncronis.test')).toBeNull();
  });

  it('evidence is bounded', () => {
    const book = new SignalBook();
    for (let i = 0; i < 50; i++) book.noteSet('a.test', honorsByFile, { name: `_ga_${i}`, domain: 'a.test', purpose: 'analytics', firstParty: true }, T);
    expect(book.breachOf('a.test')!.cookies).toHaveLength(20);
  });
});

describe('gpcCheckDue', () => {
  it('once per site, again after a day, or an hour after a failure worth retrying', () => {
    expect(gpcCheckDue(null, T)).toBe(true);
    const entry = { format: 1, site: 'claims.test', gpc: check(true), breach: null };
    expect(gpcCheckDue(entry, T + 60_000)).toBe(false);
    expect(gpcCheckDue(entry, T + GPC_RECHECK_MS)).toBe(true);
    const failed = { ...entry, gpc: check(null, true) };
    expect(gpcCheckDue(failed, T + GPC_RETRY_MS - 1)).toBe(false);
    expect(gpcCheckDue(failed, T + GPC_RETRY_MS)).toBe(true);
    expect(isSignalEntry(entry)).toBe(true);
    expect(isSignalEntry({ site: 'x' })).toBe(false);
  });
});
