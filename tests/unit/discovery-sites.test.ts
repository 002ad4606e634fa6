/**
 * Discovery (lib/policy/discover/discover.ts) against the demo sites over real HTTP, as the background runs it but
 * in Node: fast proof of each path of issue 5 before the browsers do it end to end.
 */
import http from 'node:http';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServer, type DemoServer } from '../demo-sites/server';
import { discover, discoveryInputOf, mergeDeclarations, type DiscoveryOutcome } from '../../lib/policy/discover/discover';
import { fetchPolicy, type Fetcher, type FetchLimits, DEFAULT_FETCH_LIMITS, type PolicyRequest } from '../../lib/policy/discover/fetch';
import { pageFactsFromHtml } from '../../lib/policy/discover/page-facts';

let server: DemoServer;

beforeAll(async () => {
  server = await startDemoServer();
});
afterAll(async () => {
  await server.close();
});

/** fetch over node:http to 127.0.0.1 with the URL's host as Host header (like the browsers' host mapping). */
function hostFetch(referer?: string): Fetcher {
  return (url, init) =>
    new Promise((resolve, reject) => {
      const u = new URL(url);
      if (u.protocol !== 'http:') return reject(new Error('http only in this test'));
      const headers: Record<string, string> = { ...(init.headers as Record<string, string>), host: u.host };
      if (referer) headers.referer = referer;
      const req = http.request({ host: '127.0.0.1', port: u.port, path: u.pathname + u.search, method: 'GET', headers, agent: false }, (res) => {
        const h = new Headers();
        for (const [k, v] of Object.entries(res.headers)) if (typeof v === 'string') h.set(k, v);
        const nullBody = res.statusCode === 304 || res.statusCode === 204;
        if (nullBody) res.resume();
        resolve(new Response(nullBody ? null : (Readable.toWeb(res) as ReadableStream), { status: res.statusCode ?? 0, headers: h }));
      });
      init.signal?.addEventListener('abort', () => req.destroy(new Error('aborted')));
      req.on('error', reject);
      req.end();
    });
}

async function page(host: string): Promise<string> {
  const r = await fetchPolicy({ url: server.url(host, '/') }, hostFetch());
  if (!r.ok) throw new Error(r.reason);
  return r.text;
}

async function discoverSite(host: string, limits: FetchLimits = DEFAULT_FETCH_LIMITS): Promise<DiscoveryOutcome> {
  const url = server.url(host, '/');
  const input = discoveryInputOf(pageFactsFromHtml(await page(host), url));
  return discover(input, {
    fetch: (req: PolicyRequest) => fetchPolicy(req, hostFetch(req.referer), { limits }),
    now: () => new Date(),
  });
}

const names = (o: DiscoveryOutcome) => (o.status === 'found' ? mergeDeclarations(o.documents.map((d) => d.declaration)).cookies.map((c) => c.name) : []);

describe('discovery on the demo sites', () => {
  it('purplemath.test: Cookiebot cc.js (with Referer) merged with the cookie page', async () => {
    const o = await discoverSite('purplemath.test');
    expect(o.status).toBe('found');
    if (o.status !== 'found') return;
    expect(o.documents.map((d) => [d.via, d.declaration.sources[0]!.kind])).toEqual([
      ['consent-platform', 'cookiebot'],
      ['page-link', 'html'],
    ]);
    expect(names(o)).toEqual(expect.arrayContaining(['PHPSESSID', 'CookieConsent', '_ga', '__gads', 'cart_id']));
  });

  it('metabomb.test: OneTrust ruleset then language JSON', async () => {
    const o = await discoverSite('metabomb.test');
    expect(o.status).toBe('found');
    if (o.status === 'found') expect(o.documents[0]!.declaration.sources[0]!.kind).toBe('onetrust');
    expect(names(o)).toEqual(expect.arrayContaining(['OptanonAlertBoxClosed', '_ga', '__gads']));
  });

  it('usualpath.test: /legal/cookies', async () => {
    const o = await discoverSite('usualpath.test');
    expect(o.status === 'found' && o.documents[0]!.via).toBe('usual-path');
    expect(names(o)).toEqual(expect.arrayContaining(['sessionid', '_ga']));
  });

  it('privacyhop.test: privacy policy (seed 001) → cookie policy (seed 000)', async () => {
    const o = await discoverSite('privacyhop.test');
    expect(o.status === 'found' && o.documents.map((d) => d.via)).toEqual(['linked-policy']);
    expect(names(o)).toEqual(expect.arrayContaining(['session', 'csrf_token']));
  });

  it('baeckerei.test: German-only "Cookie-Richtlinie"', async () => {
    const o = await discoverSite('baeckerei.test');
    expect(o.status === 'found' && o.documents[0]!.via).toBe('page-link');
    expect(names(o)).toEqual(expect.arrayContaining(['PHPSESSID', 'warenkorb', '_pk_id']));
  });

  it('nopolicy.test: none, with the reason', async () => {
    expect(await discoverSite('nopolicy.test')).toMatchObject({ status: 'none', reason: expect.stringContaining('no policy link') });
  });

  it('failing servers: 500, hang (short timeout), 50 MB, redirect loop', async () => {
    expect(await discoverSite('status500.test')).toMatchObject({ status: 'error', reason: 'HTTP 500' });
    expect(await discoverSite('hanging.test', { ...DEFAULT_FETCH_LIMITS, timeoutMs: 300 })).toMatchObject({ status: 'error', reason: 'timed out' });
    expect(await discoverSite('huge.test')).toMatchObject({ status: 'error', reason: 'larger than 5 MB' });
    expect(await discoverSite('redirectloop.test')).toMatchObject({ status: 'error', reason: 'too many redirects' });
  });
});
