import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Warden } from '../engine/warden';
import { type ObservedCookie } from '../engine/entry';
import { siteView } from '../engine/view';
import { DEFAULT_SETTINGS } from '../storage/settings';
import { readDocument } from '../policy/read/read';
import { loadKnowledge } from '../../scripts/knowledge-node';
import type { SiteKey } from '../site';
import { buildReport, reportFileName } from './build';
import { reportHtml, type ReportWords } from './html';

const knowledge = loadKnowledge();
const site = 'syncronis.test' as SiteKey;
const cookie = (name: string): ObservedCookie => ({
  name,
  domain: 'syncronis.test',
  path: '/',
  secure: true,
  httpOnly: true,
  hostOnly: true,
  session: false,
  expirationDate: 1_800_000_000,
  sameSite: 'lax',
  storeId: '0',
});
const POLICY_TEXT = `<h3>Essential Cookies</h3><table><thead><tr><th>Name</th><th>Purpose</th><th>Duration</th></tr></thead>
   <tbody><tr><td>session</td><td>Login</td><td>2 months</td></tr></tbody></table>`;
const POLICY = readDocument(POLICY_TEXT, {
  url: 'https://syncronis.test/cookie-policy',
  knowledge,
  sha256: createHash('sha256').update(POLICY_TEXT).digest('hex'),
});
const WORDS = new Proxy({} as ReportWords, { get: (_t, k) => `[${String(k)}]` });

function view() {
  const w = new Warden(knowledge, { ...DEFAULT_SETTINGS, siteChoices: {} });
  w.setPolicy(site, { status: 'found' }, POLICY);
  w.observe(cookie('session'), Date.UTC(2026, 11, 1, 10));
  // A name a hostile site chose: it must stay text in the HTML file.
  w.observe(cookie('_hj<script>alert(1)</script>'), Date.UTC(2026, 11, 1, 10, 5));
  return siteView(w, site, 'https://syncronis.test/');
}

describe('site report', () => {
  it('lists every breach with its evidence: time, attributes, policy URL, SHA-256, fetch date', () => {
    const v = view();
    const r = buildReport(v, new Date('2026-12-01T12:00:00Z'), '0.1.0')!;
    // The hostile name reads as Hotjar's to the knowledge base and as nothing known to the classifier:
    // they disagree, so it is kept (and undeclared).
    expect(r.summary).toEqual({ cookies: 2, removed: 0, kept: 2, breaches: 1 });
    expect(r.breaches).toHaveLength(1);
    const b = r.breaches[0]!;
    expect(b.kinds).toEqual(['undeclared']);
    expect(b.cookie).toMatchObject({
      domain: 'syncronis.test',
      path: '/',
      secure: true,
      httpOnly: true,
      sameSite: 'lax',
      firstSeen: '2026-12-01T10:05:00.000Z',
      expires: new Date(1_800_000_000_000).toISOString(),
    });
    expect(b.declaredAs).toBeNull();
    expect(r.policy.sources[0]).toMatchObject({ url: 'https://syncronis.test/cookie-policy' });
    expect(r.policy.sources[0]!.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(reportFileName(r, 'json')).toBe('cookie-warden-report-syncronis.test-2026-12-01.json');
  });

  it('the HTML file escapes everything a site wrote and loads nothing', () => {
    const r = buildReport(view(), new Date('2026-12-01T12:00:00Z'), '0.1.0')!;
    const html = reportHtml(r, WORDS, 'en');
    expect(html).not.toContain('<script');
    expect(html).toContain('_hj&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toMatch(/\s(src|href)=/);
    expect(html).toContain(r.policy.sources[0]!.sha256!);
  });

  it('the HTML file labels the evidence and the breach kinds in the words it is given', () => {
    const r = buildReport(view(), new Date('2026-12-01T12:00:00Z'), '0.1.0')!;
    const keys = r.breaches[0]!.evidence.map((p) => p.key);
    expect(keys).toContain('firstSeen');
    const html = reportHtml(r, WORDS, 'en', (k) => `<kind ${k}>`, (k) => `<label ${k}>`);
    expect(html).toContain('&lt;kind undeclared&gt;');
    for (const key of keys) expect(html).toContain(`&lt;label ${key}&gt;`);
  });

  it('no site, no report', () => {
    expect(buildReport({ ...view(), site: null }, new Date(), '0')).toBeNull();
  });
});
