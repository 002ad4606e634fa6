import { describe, expect, it } from 'vitest';
import { loadKnowledgeIndex } from '../../scripts/knowledge-node';
import { compileGuardData, GuardBook, guardVerdict, isGuardSiteData, trackingPurposeOf, wellKnownTrackingNames, type GuardSiteData } from './guard';
import type { Declaration, DeclaredCookie } from '../types';

const names = wellKnownTrackingNames(loadKnowledgeIndex());

function declared(name: string, purpose: DeclaredCookie['purpose'], match: DeclaredCookie['match'] = 'exact'): DeclaredCookie {
  return { name, match, pattern: name, purposeAsWritten: null, purpose, durationSeconds: null, durationAsWritten: null, provider: null, domain: null };
}

function declaration(cookies: DeclaredCookie[]): Declaration {
  return {
    sources: [],
    cookies,
    storage: [],
    providers: [],
    statements: { dnt: { stance: 'unspecified', sentence: null }, gpc: { stance: 'unspecified', sentence: null } },
    links: [],
    warnings: [],
  };
}

describe('well-known tracking names (knowledge base and classifier agree)', () => {
  it('holds the usual analytics and advertising names', () => {
    expect(trackingPurposeOf(names, '_ga')).toBe('analytics');
    expect(trackingPurposeOf(names, '_ga_ABC123')).toBe('analytics');
    expect(trackingPurposeOf(names, '_fbp')).toBe('advertising');
    expect(trackingPurposeOf(names, '_gcl_au')).toBe('advertising');
    expect(trackingPurposeOf(names, 'IDE')).toBe('advertising');
  });

  it('never holds an essential name: sessions, CSRF, consent, load balancing, bot protection, identity providers', () => {
    for (const n of ['session', 'PHPSESSID', 'JSESSIONID', 'csrf_token', 'XSRF-TOKEN', 'OptanonConsent', 'CookieConsent', 'AWSALB', 'bm_sz', '_abck', '__cf_bm', 'cf_clearance', 'SID', 'HSID', 'SSID', '__Secure-3PSID', 'NID', 'YSC']) {
      expect(trackingPurposeOf(names, n), n).toBeNull();
    }
  });

  it('is small enough to build into a script that runs in every frame', () => {
    expect(JSON.stringify(names).length).toBeLessThan(20_000);
  });
});

describe('guardVerdict', () => {
  const data = (over: Partial<GuardSiteData>): GuardSiteData => ({ v: 1, site: 'shop.test', choice: 'essential-only', policy: 'found', declared: [], exceptions: {}, ...over });

  it('before the site data arrives: the strict guard refuses well-known tracking names only', () => {
    expect(guardVerdict('_ga', null, names, 'essential-only')).toBe('refuse');
    expect(guardVerdict('_fbp', null, names, 'essential-functional')).toBe('refuse');
    expect(guardVerdict('session', null, names, 'essential-only')).toBe('allow');
    expect(guardVerdict('whatever', null, names, 'essential-only')).toBe('allow');
    // The open guard (allow-all sites, or sites whose declaration keeps a tracking name) waits for the data.
    expect(guardVerdict('_ga', null, names, null)).toBe('allow');
  });

  it('follows the choice', () => {
    expect(guardVerdict('_ga', data({ choice: 'allow-all' }), names, null)).toBe('allow');
    expect(guardVerdict('_ga', data({ choice: 'essential-functional' }), names, null)).toBe('refuse');
  });

  it("never refuses what the site's own policy declares essential", () => {
    const d = compileGuardData({ site: 'shop.test', choice: 'essential-only', policy: 'found', declaration: declaration([declared('_ga', 'essential')]), exceptions: {} });
    expect(guardVerdict('_ga', d, names, 'essential-only')).toBe('allow');
  });

  it('refuses what the site declares non-essential when the choice refuses it, even an unknown name', () => {
    const d = compileGuardData({ site: 'shop.test', choice: 'essential-only', policy: 'found', declaration: declaration([declared('prefs', 'functional'), declared('trk_', 'advertising', 'prefix')]), exceptions: {} });
    expect(guardVerdict('prefs', d, names, null)).toBe('refuse');
    expect(guardVerdict('trk_123', d, names, null)).toBe('refuse');
    expect(guardVerdict('prefs', { ...d, choice: 'essential-functional' }, names, null)).toBe('allow');
  });

  it('honours the exceptions of the site', () => {
    expect(guardVerdict('_ga', data({ exceptions: { _ga: 'allow' } }), names, null)).toBe('allow');
    expect(guardVerdict('theme', data({ choice: 'allow-all', exceptions: { theme: 'remove' } }), names, null)).toBe('refuse');
  });

  it('lets through nameless and absurd names', () => {
    expect(guardVerdict('', data({}), names, 'essential-only')).toBe('allow');
    expect(guardVerdict('x'.repeat(300), data({}), names, 'essential-only')).toBe('allow');
  });

  it('checks data that crossed a world boundary', () => {
    expect(isGuardSiteData(data({}))).toBe(true);
    expect(isGuardSiteData({ v: 1, choice: 'everything', declared: [], exceptions: {} })).toBe(false);
    expect(isGuardSiteData(null)).toBe(false);
  });
});

describe('GuardBook', () => {
  it('writes back what it refused once the site data allows it, and forgets what the page deleted', () => {
    const book = new GuardBook<string>(names, 'essential-only');
    expect(book.write('_ga', false, '_ga=1')).toBe('refuse');
    expect(book.write('_fbp', false, '_fbp=1')).toBe('refuse');
    expect(book.write('_fbp', true, '_fbp=; max-age=0')).toBe('allow');
    expect(book.write('sid', false, 'sid=1')).toBe('allow');
    expect(book.refusedNames).toEqual(['_ga']);
    const still = { v: 1 as const, site: 's.test', choice: 'essential-only' as const, policy: 'found' as const, declared: [], exceptions: {} };
    expect(book.update(still)).toEqual([]);
    expect(book.update({ ...still, choice: 'allow-all' })).toEqual(['_ga=1']);
    expect(book.refusedNames).toEqual([]);
    expect(book.write('_ga', false, '_ga=2')).toBe('allow');
  });

  it('the policy arriving with `_ga` declared essential writes it back', () => {
    const book = new GuardBook<string>(names, 'essential-only');
    book.write('_ga', false, '_ga=1');
    const d = compileGuardData({ site: 's.test', choice: 'essential-only', policy: 'found', declaration: declaration([declared('_ga', 'essential')]), exceptions: {} });
    expect(book.update(d)).toEqual(['_ga=1']);
  });

  it('in a frame of another site, lets everything through', () => {
    const book = new GuardBook<string>(names, 'essential-only', null, false);
    expect(book.write('_ga', false, '_ga=1')).toBe('allow');
  });
});
