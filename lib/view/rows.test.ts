import { describe, expect, it } from 'vitest';
import { Warden } from '../engine/warden';
import { type ObservedCookie } from '../engine/entry';
import { siteView } from '../engine/view';
import { DEFAULT_SETTINGS } from '../storage/settings';
import { readDocument } from '../policy/read/read';
import { loadKnowledge } from '../../scripts/knowledge-node';
import type { SiteKey } from '../site';
import { countRows, filterRows, groupByPurpose, verdictParts } from './rows';

const knowledge = loadKnowledge();
const site = 'syncronis.test' as SiteKey;
const cookie = (name: string, extra: Partial<ObservedCookie> = {}): ObservedCookie => ({
  name,
  domain: 'syncronis.test',
  path: '/',
  secure: true,
  httpOnly: false,
  hostOnly: true,
  session: false,
  expirationDate: 2_000_000_000,
  storeId: '0',
  ...extra,
});
// The Syncronis seed's shape: essential cookies in a table, analytics named by provider only.
const POLICY = readDocument(
  `<h3>Essential Cookies</h3><table><thead><tr><th>Name</th><th>Purpose</th><th>Duration</th></tr></thead>
   <tbody><tr><td>session</td><td>Login</td><td>7 days</td></tr><tr><td>csrf_token</td><td>Security</td><td>Session</td></tr></tbody></table>
   <h3>Analytics Cookies</h3><p>We use Google Analytics.</p>`,
  { url: 'https://syncronis.test/cookie-policy', knowledge, sha256: 'ab'.repeat(32) },
);

function syncronis(): Warden {
  const w = new Warden(knowledge, { ...DEFAULT_SETTINGS, siteChoices: {} });
  w.setPolicy(site, { status: 'found' }, POLICY);
  for (const name of ['session', 'csrf_token', '_ga', '_gid', '_hjid']) w.observe(cookie(name), 1_000);
  return w;
}

describe('the verdict line counts the rows listed', () => {
  it('Syncronis: 3 removed · 2 kept · 5 breaches, and each filter lists exactly its count', () => {
    // session and csrf_token live longer than declared (lifetime); _ga, _gid, _hjid were set despite DNT / GPC.
    const view = siteView(syncronis(), site, 'https://syncronis.test/');
    const parts = verdictParts(view.cookies, view.policy);
    expect(parts).toEqual([
      { key: 'verdictRemoved', count: 3 },
      { key: 'verdictKept', count: 2 },
      { key: 'verdictBreaches', count: 5 },
    ]);
    const c = countRows(view.cookies);
    expect(filterRows(view.cookies, 'removed', '')).toHaveLength(c.removed);
    expect(filterRows(view.cookies, 'kept', '')).toHaveLength(c.kept);
    expect(filterRows(view.cookies, 'breaches', '').map((r) => r.name).sort()).toEqual(['_ga', '_gid', '_hjid', 'csrf_token', 'session']);
    expect(c.removed + c.kept).toBe(view.cookies.length);
  });

  it('a site without a policy has no policy of its own to breach: its cookies count as not declared', () => {
    const w = new Warden(knowledge, { ...DEFAULT_SETTINGS, siteChoices: {} });
    w.setPolicy(site, { status: 'none', reason: 'no policy link on the page' }, null);
    w.observe(cookie('_ga'), 1);
    const view = siteView(w, site, null);
    expect(verdictParts(view.cookies, view.policy)).toEqual([
      { key: 'verdictRemoved', count: 1 },
      { key: 'verdictUndeclaredNoPolicy', count: 1 },
    ]);
  });

  it('no cookies: one part that says so', () => {
    expect(verdictParts([], { status: 'pending' })).toEqual([{ key: 'verdictNoCookies', count: 0 }]);
  });
});

describe('rows', () => {
  it('carry attributes and the declared entry, never a value', () => {
    const w = syncronis();
    w.observe({ ...cookie('session'), value: 'secret-value' } as ObservedCookie, 2_000);
    const view = siteView(w, site, null);
    const session = view.cookies.find((r) => r.name === 'session')!;
    expect(session).toMatchObject({ path: '/', secure: true, expiresAt: 2_000_000_000, firstSeen: 1_000, lastSeen: 2_000 });
    expect(session.declaredAs).toMatchObject({ name: 'session', durationAsWritten: '7 days' });
    expect(JSON.stringify(view)).not.toContain('secret-value');
    expect(view.sources[0]!.sha256).toBe('ab'.repeat(32));
  });

  it('after "Allow all", removed rows say they are allowed now (a reload brings them back)', () => {
    const w = syncronis();
    w.setSettings({ ...w.settings, siteChoices: { [site]: 'allow-all' } });
    const rows = siteView(w, site, null).cookies;
    expect(rows.filter((r) => r.allowedNow).map((r) => r.name).sort()).toEqual(['_ga', '_gid', '_hjid']);
    expect(countRows(rows).allowedNow).toBe(3);
  });

  it('group by purpose in the canonical order, search by name or domain', () => {
    const rows = siteView(syncronis(), site, null).cookies;
    expect(groupByPurpose(rows).map((g) => [g.purpose, g.rows.length])).toEqual([
      ['essential', 2],
      ['analytics', 3],
    ]);
    expect(filterRows(rows, 'all', 'GA').map((r) => r.name)).toEqual(['_ga']);
    expect(filterRows(rows, 'all', 'syncronis')).toHaveLength(5);
    expect(filterRows(rows, 'kept', 'nothing')).toEqual([]);
  });
});

describe('500 cookies on one site (issue 14: the popup opens in ≤ 200 ms)', () => {
  it('the view, the verdict, the groups and a filter take a few milliseconds', () => {
    const w = syncronis();
    for (let i = 0; i < 495; i++) w.observe(cookie(i % 3 === 0 ? `_ga_${i}` : `pref_${i}`), 2_000 + i);
    const start = performance.now();
    const view = siteView(w, site, null);
    const parts = verdictParts(view.cookies, view.policy);
    const groups = groupByPurpose(filterRows(view.cookies, 'all', ''));
    const breaches = filterRows(view.cookies, 'breaches', 'pref');
    const ms = performance.now() - start;
    console.log(`[bench] 500 rows: view + verdict + groups + filter ${ms.toFixed(1)} ms`);
    expect(view.cookies).toHaveLength(500);
    expect(groups.reduce((n, g) => n + g.rows.length, 0)).toBe(500);
    expect(parts.reduce((n, p) => (p.key === 'verdictRemoved' || p.key === 'verdictKept' ? n + p.count : n), 0)).toBe(500);
    expect(breaches.length).toBeGreaterThan(0);
    expect(ms).toBeLessThan(100);
  });
});
