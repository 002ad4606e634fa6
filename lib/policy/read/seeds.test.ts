/**
 * The three seed documents, read exactly (issue 4): every declared name, pattern and purpose of the two cookie
 * policies, and nothing but a link to the cookie policy from the privacy policy. Checked on the plain-text seeds
 * (../shared/seeds/) and on the demo sites' HTML renderings of them (tests/demo-sites/).
 *
 * The expected declarations below were written by hand from reading the seeds, following the conventions in
 * tests/fixtures/policies/README.md: the site's category wins; a category that names no purpose ("Kopano
 * Cookies", "Not required", "Cookie Management") leaves the cookie's own text to decide; a cookie whose text says
 * nothing is unknown. Entries expanded from providers (expandedFrom) are left out of the exact lists and checked
 * on their own.
 */
import http from 'node:http';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDocument } from './read';
import { loadKnowledge } from '../../../scripts/knowledge-node';
import { SHARED } from '../../../tests/support/corpus';
import { startDemoServer, type DemoServer } from '../../../tests/demo-sites/server';
import type { Declaration, MatchKind, Purpose } from '../../types';

interface Row {
  name: string;
  match: MatchKind;
  pattern: string;
  purposeAsWritten: string | null;
  purpose: Purpose;
}

const row = (name: string, purposeAsWritten: string, purpose: Purpose, match: MatchKind = 'exact', pattern = name): Row => ({
  name,
  match,
  pattern,
  purposeAsWritten,
  purpose,
});

// Seed 000, the Syncronis cookie policy: one table of cookies under "Essential Cookies (Always Active)".
const ESSENTIAL_000 = 'Essential Cookies (Always Active)';
const SEED_000_COOKIES: Row[] = [
  row('session', ESSENTIAL_000, 'essential'), // "Maintains your login session securely", 7 days
  row('csrf_token', ESSENTIAL_000, 'essential'), // "Protects against cross-site request forgery attacks", Session
];
const SEED_000_DURATIONS: Record<string, number> = { session: 7 * 86_400, csrf_token: 0 };
// "Functional Storage (Local Storage)": the heading's "functional" wins over the consent key's own text.
const SEED_000_STORAGE = [
  { key: 'user-preferences', storage: 'localStorage', purposeAsWritten: 'Functional Storage (Local Storage)', purpose: 'functional' },
  { key: 'syncronis-cookie-consent', storage: 'localStorage', purposeAsWritten: 'Functional Storage (Local Storage)', purpose: 'functional' },
];
// Named without cookie names: Sentry and Google Analytics in the "Analytics Cookies (Opt-in Only)" provider
// table, Google Analytics again and Microsoft Clarity ("heatmaps") under "5. Third-Party Cookies".
const SEED_000_PROVIDERS = [
  { name: 'Sentry', purpose: 'analytics' },
  { name: 'Google Analytics', purpose: 'analytics' },
  { name: 'Microsoft Clarity', purpose: 'analytics' },
];

// Seed 002, the Kopano cookie policy: a WebToffee table whose category rows carry the categories.
const SEED_002_COOKIES: Row[] = [
  row('PHPSESSID', 'Necessary', 'essential'),
  row('__cfduid', 'Necessary', 'essential'),
  row('viewed_cookie_policy', 'Necessary', 'essential'),
  // "Kopano Cookies" names no purpose; both texts say the cookie is "necessary".
  row('wp_kopano_shop_id', 'Kopano Cookies', 'essential'),
  row('atlassian.xsrf.token', 'Kopano Cookies', 'essential'),
  // "Commercial" reads as advertising; every text here speaks of ads or tracking anyway.
  row('IDE', 'Commercial', 'advertising'),
  row('NID', 'Commercial', 'advertising'),
  row('GPS', 'Commercial', 'advertising'),
  row('VISITOR_INFO1_LIVE', 'Commercial', 'advertising'),
  row('YSC', 'Commercial', 'advertising'),
  // "Not required" names no purpose: Matomo "to measure our success" is analytics, Akamai's bot manager and
  // security cookie are essential, and test_cookie has an empty description: unknown from the document.
  row('_pk_id.*', 'Not required', 'analytics', 'prefix', '_pk_id.'),
  row('_pk_ses.*', 'Not required', 'analytics', 'prefix', '_pk_ses.'),
  row('bm_sz', 'Not required', 'essential'),
  row('_abck', 'Not required', 'essential'),
  row('test_cookie', 'Not required', 'unknown'),
  // "Cookie Management" names no purpose; each stores the user's consent for a category: essential.
  row('cookielawinfo-checkbox-kopano-cookies', 'Cookie Management', 'essential'),
  row('cookielawinfo-checkbox-commercial', 'Cookie Management', 'essential'),
  row('cookielawinfo-checkbox-not-required', 'Cookie Management', 'essential'),
  row('cookielawinfo-checkbox-necessary', 'Cookie Management', 'essential'),
  row('cookielawinfo-checkbox-non-necessary', 'Cookie Management', 'essential'),
];
// No duration column; only PHPSESSID's text states one ("a session cookies and is deleted when all the browser
// windows are closed"). "_pk_ses.*: a short lived cookies" gives no figure.
const SEED_002_DURATIONS: Record<string, number | null> = Object.fromEntries(SEED_002_COOKIES.map((r) => [r.name, r.name === 'PHPSESSID' ? 0 : null]));

const knowledge = loadKnowledge();

function declared(d: Declaration): Row[] {
  return d.cookies
    .filter((c) => !c.expandedFrom)
    .map((c) => ({ name: c.name, match: c.match, pattern: c.pattern, purposeAsWritten: c.purposeAsWritten, purpose: c.purpose }));
}

const byName = (a: { name: string }, b: { name: string }) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

function expectCookies(d: Declaration, rows: Row[]): void {
  expect(declared(d).sort(byName)).toEqual([...rows].sort(byName));
}

function durations(d: Declaration): Record<string, number | null> {
  return Object.fromEntries(d.cookies.filter((c) => !c.expandedFrom).map((c) => [c.name, c.durationSeconds]));
}

function expectSeed000(d: Declaration): void {
  expectCookies(d, SEED_000_COOKIES);
  expect(d.storage.map(({ key, storage, purposeAsWritten, purpose }) => ({ key, storage, purposeAsWritten, purpose }))).toEqual(SEED_000_STORAGE);
  expect(d.providers.map(({ name, purpose }) => ({ name, purpose })).sort(byName)).toEqual([...SEED_000_PROVIDERS].sort(byName));
  expect(d.statements.dnt.stance).toBe('ignored');
  expect(d.statements.dnt.sentence).toMatch(/don't respond to DNT signals/);
  expect(d.statements.gpc).toEqual({ stance: 'unspecified', sentence: null });
}

/** The providers named without cookie names expand into their known cookies, marked with the provider. */
function expectSeed000Expansion(d: Declaration): void {
  const expanded = d.cookies.filter((c) => c.expandedFrom);
  for (const c of expanded) expect(['Sentry', 'Google Analytics', 'Microsoft Clarity']).toContain(c.expandedFrom);
  for (const name of ['_ga', '_gid']) {
    expect(expanded.find((c) => c.name === name)).toMatchObject({ match: 'exact', pattern: name, purpose: 'analytics', expandedFrom: 'Google Analytics' });
  }
  expect(expanded.some((c) => c.expandedFrom === 'Microsoft Clarity' && c.name === '_clck')).toBe(true);
  // An expanded entry never duplicates a name the document declared itself.
  const own = new Set(declared(d).map((c) => c.pattern));
  for (const c of expanded) expect(own.has(c.pattern)).toBe(false);
}

function expectSeed002(d: Declaration): void {
  expect(d.cookies.filter((c) => c.expandedFrom)).toEqual([]);
  expect(d.storage).toEqual([]);
  expect(d.providers).toEqual([]);
  expect(d.statements.dnt.stance).toBe('unspecified');
  expect(d.statements.gpc.stance).toBe('unspecified');
}

describe('plain-text seeds (../shared/seeds)', () => {
  const seed = (file: string) => {
    const full = path.join(SHARED, 'seeds', file);
    return readDocument(readFileSync(full, 'utf8'), { url: full, knowledge, hint: 'text' });
  };

  describe('000, the Syncronis cookie policy', () => {
    const d = seed('000_aa07220965314720.txt');
    it('declares exactly session and csrf_token, essential', () => expectCookies(d, SEED_000_COOKIES));
    it('reads their durations (7 days, Session)', () => expect(durations(d)).toEqual(SEED_000_DURATIONS));
    it('declares the storage keys and providers, ignores DNT', () => expectSeed000(d));
    it('expands Sentry, Google Analytics and Microsoft Clarity into their known cookies', () => expectSeed000Expansion(d));
    it('reads as text, without warnings', () => {
      expect(d.sources[0]?.kind).toBe('text');
      expect(d.warnings).toEqual([]);
    });
  });

  describe('001, the Syncronis privacy policy', () => {
    const d = seed('001_2584dbd11ad1f0e7.txt');
    it('declares no cookies and no storage keys', () => {
      expect(d.cookies.filter((c) => !c.expandedFrom)).toEqual([]);
      expect(d.storage).toEqual([]);
    });
    it('says nothing about DNT or GPC', () => {
      expect(d.statements.dnt.stance).toBe('unspecified');
      expect(d.statements.gpc.stance).toBe('unspecified');
    });
  });

  describe('002, the Kopano cookie policy', () => {
    const d = seed('002_815192a8c65a0b45.txt');
    it('declares exactly its 20 names, patterns and purposes', () => expectCookies(d, SEED_002_COOKIES));
    it('declares nothing else', () => expectSeed002(d));
    it('takes PHPSESSID as a session cookie from its text, and no other duration', () => expect(durations(d)).toEqual(SEED_002_DURATIONS));
  });
});

describe('the demo sites’ HTML renderings of the seeds', () => {
  let server: DemoServer;
  const pages = new Map<string, Declaration>();

  /** GET from the demo server with a Host header, as a browser mapping *.test to 127.0.0.1 would. */
  function get(host: string, pathname: string): Promise<{ status: number; type: string; body: string }> {
    return new Promise((resolve, reject) => {
      const req = http.get({ host: '127.0.0.1', port: server.httpPort, path: pathname, headers: { host }, agent: false }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type'] ?? ''), body }));
      });
      req.on('error', reject);
      req.setTimeout(5000, () => req.destroy(new Error(`GET ${host}${pathname} timed out`)));
    });
  }

  const url = (host: string, pathname: string) => `http://${host}:${server.httpPort}${pathname}`;

  beforeAll(async () => {
    server = await startDemoServer({ https: false });
    for (const [host, pathname] of [
      ['syncronis.test', '/cookie-policy'],
      ['syncronis.test', '/privacy-policy'],
      ['kopano.test', '/privacy-cookie-policy'],
    ] as const) {
      const r = await get(host, pathname);
      expect(r.status).toBe(200);
      expect(r.type).toMatch(/^text\/html/);
      pages.set(`${host}${pathname}`, readDocument(r.body, { url: url(host, pathname), knowledge, hint: 'html' }));
    }
  });
  afterAll(async () => {
    await server?.close();
  });

  describe('syncronis.test/cookie-policy (seed 000)', () => {
    const d = () => pages.get('syncronis.test/cookie-policy')!;
    it('reads as HTML', () => expect(d().sources[0]?.kind).toBe('html'));
    it('declares exactly session and csrf_token, essential', () => expectCookies(d(), SEED_000_COOKIES));
    it('reads their durations (7 days, Session)', () => expect(durations(d())).toEqual(SEED_000_DURATIONS));
    it('declares the storage keys and providers, ignores DNT', () => expectSeed000(d()));
    it('expands Sentry, Google Analytics and Microsoft Clarity into their known cookies', () => expectSeed000Expansion(d()));
  });

  describe('syncronis.test/privacy-policy (seed 001)', () => {
    const d = () => pages.get('syncronis.test/privacy-policy')!;
    it('declares no cookies and no storage keys', () => {
      expect(d().cookies.filter((c) => !c.expandedFrom)).toEqual([]);
      expect(d().storage).toEqual([]);
    });
    it('links to the cookie policy', () => {
      expect(d().links).toContainEqual({ url: url('syncronis.test', '/cookie-policy'), text: 'Cookie Policy', kind: 'cookie-policy' });
      expect(d().links[0]?.kind).toBe('cookie-policy');
    });
  });

  describe('kopano.test/privacy-cookie-policy (seed 002)', () => {
    const d = () => pages.get('kopano.test/privacy-cookie-policy')!;
    it('reads as HTML', () => expect(d().sources[0]?.kind).toBe('html'));
    it('declares exactly its 20 names, patterns and purposes', () => expectCookies(d(), SEED_002_COOKIES));
    it('declares nothing else', () => expectSeed002(d()));
    it('takes PHPSESSID as a session cookie from its text, and no other duration', () => expect(durations(d())).toEqual(SEED_002_DURATIONS));
  });
});
