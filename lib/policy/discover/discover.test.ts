import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { discover, discoveryInputOf, mergeDeclarations, usualPolicyUrls, type DiscoverDeps } from './discover';
import type { FetchResult, PolicyRequest } from './fetch';
import { pageFactsFromHtml } from './page-facts';
import { SHARED } from '../../../tests/support/corpus';

const SAMPLES = path.join(SHARED, 'data/cmp-samples');
const sample = (file: string) => readFileSync(path.join(SAMPLES, file), 'utf8');
const CBID = '1a2b3c4d-0000-4000-8000-0123456789ab';
const OT = '32083dcf-5370-4a31-b304-4d087dae7d42';
const OT_RULESET = 'eb848949-a6d2-47e9-910d-302932250873';

type Answer = { text: string; etag?: string } | { fail: string };

/** A web of URL → answer; records every request. */
function web(pages: Record<string, Answer>) {
  const requests: PolicyRequest[] = [];
  const fetch = async (req: PolicyRequest): Promise<FetchResult> => {
    requests.push(req);
    const a = pages[req.url];
    if (!a) return { ok: false, url: req.url, reason: 'HTTP 404', status: 404, retryable: false };
    if ('fail' in a) return { ok: false, url: req.url, reason: a.fail, retryable: true };
    if (a.etag && req.etag === a.etag) return { ok: true, url: req.url, modified: false, text: '', contentType: '', etag: a.etag, lastModified: null };
    return { ok: true, url: req.url, modified: true, text: a.text, contentType: 'text/html', etag: a.etag ?? null, lastModified: null };
  };
  const deps: DiscoverDeps = { fetch, now: () => new Date('2026-11-20T10:00:00Z') };
  return { deps, requests };
}

const home = (url: string, head: string, body = '', lang = 'en') =>
  discoveryInputOf(pageFactsFromHtml(`<html lang="${lang}"><head>${head}</head><body>${body}</body></html>`, url));

const COOKIE_PAGE = `<h1>Cookie Policy</h1><table><tr><th>Name</th><th>Purpose</th><th>Duration</th></tr>
<tr><td>session</td><td>Keeps you signed in (strictly necessary)</td><td>Session</td></tr>
<tr><td>_ga</td><td>Google Analytics: distinguishes visitors (analytics)</td><td>2 years</td></tr></table>`;

describe('discover', () => {
  it('Cookiebot: cc.js with the page as Referer, merged with the linked cookie page', async () => {
    const page = 'https://shop.example.com/';
    const cc = `https://consent.cookiebot.com/${CBID}/cc.js?referer=shop.example.com`;
    const { deps, requests } = web({ [cc]: { text: sample('cookiebot/purplemath_cc.js.data-lines.txt') }, 'https://shop.example.com/cookies': { text: COOKIE_PAGE } });
    const input = home(page, `<script id="Cookiebot" src="https://consent.cookiebot.com/uc.js" data-cbid="${CBID}"></script>`, '<a href="/cookies">Cookie Policy</a>');
    const out = await discover(input, deps);
    expect(out.status).toBe('found');
    if (out.status !== 'found') return;
    expect(requests[0]).toEqual({ url: cc, referer: 'https://shop.example.com/' });
    expect(out.documents.map((d) => [d.via, d.declaration.sources[0]!.kind])).toEqual([
      ['consent-platform', 'cookiebot'],
      ['page-link', 'html'],
    ]);
    const merged = mergeDeclarations(out.documents.map((d) => d.declaration));
    expect(merged.sources).toHaveLength(2);
    expect(merged.cookies.find((c) => c.name === 'PHPSESSID')?.sourceIndex).toBe(0);
    expect(merged.cookies.find((c) => c.name === 'session')?.sourceIndex).toBe(1);
  });

  it('OneTrust: ruleset, then the language file with the cookies', async () => {
    const cdn = 'https://cdn.cookielaw.org';
    const { deps, requests } = web({
      [`${cdn}/consent/${OT}/${OT}.json`]: { text: sample('onetrust/metabomb_ruleset.json') },
      [`${cdn}/consent/${OT}/${OT_RULESET}/en.json`]: { text: sample('onetrust/metabomb_variantA_domaindata_en.json') },
    });
    const out = await discover(home('https://www.example.com/', `<script src="${cdn}/scripttemplates/otSDKStub.js" data-domain-script="${OT}"></script>`), deps);
    expect(requests.map((r) => r.url)).toEqual([`${cdn}/consent/${OT}/${OT}.json`, `${cdn}/consent/${OT}/${OT_RULESET}/en.json`]);
    expect(out.status).toBe('found');
    if (out.status === 'found') {
      expect(out.documents).toHaveLength(1);
      expect(out.documents[0]!.declaration.sources[0]!.kind).toBe('onetrust');
      expect(out.documents[0]!.declaration.cookies.map((c) => c.name)).toEqual(expect.arrayContaining(['OptanonConsent', '_ga', '__gads']));
    }
  });

  it('OneTrust language files keep the ruleset scheme', async () => {
    const { oneTrustLanguageUrls } = await import('../read/cmp/onetrust');
    const ruleset = sample('onetrust/metabomb_ruleset.json');
    expect(oneTrustLanguageUrls(ruleset, `http://cdn.example/consent/${OT}/${OT}.json`)).toEqual([`http://cdn.example/consent/${OT}/${OT_RULESET}/en.json`]);
    expect(oneTrustLanguageUrls(ruleset, `https://cdn.example/consent/${OT}/${OT}.json`)[0]).toMatch(/^https:/);
  });

  it('a German-only link ("Cookie-Richtlinie")', async () => {
    const { deps } = web({ 'https://example.de/rechtliches/cookie-richtlinie': { text: COOKIE_PAGE } });
    const out = await discover(home('https://example.de/', '', '<a href="/rechtliches/cookie-richtlinie">Cookie-Richtlinie</a><a href="/impressum">Impressum</a>', 'de'), deps);
    expect(out).toMatchObject({ status: 'found' });
  });

  it('a privacy policy without a cookie list: one hop to the cookie policy it links (seed 001 -> 000)', async () => {
    const privacy = '<h1>Privacy Policy</h1><p>We use cookies. For complete details, see our <a href="/cookie-policy">Cookie Policy</a>.</p>';
    const { deps, requests } = web({ 'https://example.com/privacy': { text: privacy }, 'https://example.com/cookie-policy': { text: COOKIE_PAGE } });
    const out = await discover(home('https://example.com/', '', '<a href="/privacy">Privacy Policy</a>'), deps);
    expect(requests.map((r) => r.url)).toEqual(['https://example.com/privacy', 'https://example.com/cookie-policy']);
    expect(out.status).toBe('found');
    if (out.status === 'found') expect(out.documents.map((d) => d.via)).toEqual(['linked-policy']);
  });

  it('no link: the usual paths, one at a time, stopping at the first policy', async () => {
    const { deps, requests } = web({ 'https://example.com/legal/cookies': { text: COOKIE_PAGE } });
    const out = await discover(home('https://example.com/', ''), deps);
    expect(out.status).toBe('found');
    expect(requests.map((r) => new URL(r.url).pathname)).toEqual(['/cookie-policy', '/cookies', '/legal/cookies']);
  });

  it('localized usual paths come first', () => {
    expect(usualPolicyUrls('https://x.fr/a/b', 'fr-FR')[0]).toBe('https://x.fr/politique-de-cookies');
    expect(usualPolicyUrls('ftp://x/', 'en')).toEqual([]);
  });

  it('no policy anywhere: none, saying why', async () => {
    const { deps, requests } = web({});
    const out = await discover(home('https://example.com/', ''), deps);
    expect(out).toMatchObject({ status: 'none', reason: 'no consent platform, no policy link on the page, nothing at 7 usual paths' });
    expect(requests.length).toBeLessThanOrEqual(8);
  });

  it.each([['HTTP 500'], ['timed out'], ['too many redirects'], ['larger than 5 MB']])(
    'a linked policy that fails (%s) is an error state; a failing server is not probed further',
    async (reason) => {
      const { deps, requests } = web({ 'https://example.com/cookie-policy': { fail: reason } });
      const out = await discover(home('https://example.com/', '', '<a href="/cookie-policy">Cookie Policy</a>'), deps);
      expect(out).toMatchObject({ status: 'error', reason });
      if (reason !== 'larger than 5 MB') expect(requests).toHaveLength(1);
    },
  );

  it('revalidation: a 304 reuses the held document', async () => {
    const { deps } = web({ 'https://example.com/cookies': { text: COOKIE_PAGE, etag: '"1"' } });
    const input = home('https://example.com/', '', '<a href="/cookies">Cookies</a>');
    const first = await discover(input, deps);
    expect(first.status).toBe('found');
    if (first.status !== 'found') return;
    const cached = new Map(first.documents.map((d) => [d.url, d]));
    const again = await discover(input, { ...deps, cached });
    expect(again.attempts.map((a) => a.result)).toEqual(['not modified', 'found']);
    if (again.status === 'found') expect(again.documents[0]!.declaration).toBe(first.documents[0]!.declaration);
  });
});
