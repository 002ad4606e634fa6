import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_FETCH_LIMITS, fetchPolicy, RedirectCounter, type Fetcher, type FetchLimits } from './fetch';

// The test server listens on 127.0.0.1: a local address the product refuses unless told otherwise.
const LOCAL = { allowPrivate: true } as const;

// A local server that misbehaves on purpose: redirects, loops, hangs, floods, wrong types, validators.
let server: http.Server;
let base = '';
let floodBytesSent = 0;
const seen: Array<{ path: string; headers: http.IncomingHttpHeaders }> = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    seen.push({ path: url.pathname + url.search, headers: req.headers });
    const n = Number(url.searchParams.get('n') ?? 0);
    switch (url.pathname) {
      case '/ok':
        res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', ETag: '"v1"', 'Last-Modified': 'Wed, 01 Jan 2025 00:00:00 GMT' });
        return res.end('<h1>Cookie Policy</h1>');
      case '/etag':
        if (req.headers['if-none-match'] === '"v1"') {
          res.writeHead(304, { ETag: '"v1"' });
          return res.end();
        }
        res.writeHead(200, { 'Content-Type': 'text/html', ETag: '"v1"' });
        return res.end('<p>x</p>');
      case '/hops':
        // /hops?n=k redirects k more times, then lands on /ok
        res.writeHead(302, { Location: n > 0 ? `/hops?n=${n - 1}` : '/ok' });
        return res.end();
      case '/loop':
        res.writeHead(302, { Location: `/loop?n=${n + 1}` });
        return res.end();
      case '/to-file':
        res.writeHead(301, { Location: 'file:///etc/passwd' });
        return res.end();
      case '/to-local':
        res.writeHead(302, { Location: 'http://10.0.0.1/admin' });
        return res.end();
      case '/hang':
        return; // never answers
      case '/slow-body':
        res.writeHead(200, { 'Content-Type': 'text/html' });
        res.write('<p>start'); // then nothing
        return;
      case '/big-declared':
        res.writeHead(200, { 'Content-Type': 'text/html', 'Content-Length': String(6 * 1024 * 1024) });
        return res.end();
      case '/flood': {
        // 50 MB, chunked, written as the client reads: stops when the client goes away.
        res.writeHead(200, { 'Content-Type': 'text/html' });
        const chunk = Buffer.alloc(64 * 1024, 'a');
        let left = 50 * 1024 * 1024;
        const pump = () => {
          while (left > 0) {
            left -= chunk.length;
            floodBytesSent += chunk.length;
            if (!res.write(chunk)) return res.once('drain', pump);
          }
          res.end();
        };
        res.on('close', () => (left = 0));
        return pump();
      }
      case '/image':
        res.writeHead(200, { 'Content-Type': 'image/png' });
        return res.end('PNG');
      case '/error':
        res.writeHead(500, { 'Content-Type': 'text/plain' });
        return res.end('boom');
      case '/missing':
        res.writeHead(404, { 'Content-Type': 'text/plain' });
        return res.end('no');
      default:
        res.writeHead(404);
        return res.end();
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

const fast: FetchLimits = { ...DEFAULT_FETCH_LIMITS, timeoutMs: 300 };

describe('fetchPolicy', () => {
  it('keeps 10 s, 5 MB and 5 redirects as the product defaults', () => {
    expect(DEFAULT_FETCH_LIMITS).toEqual({ timeoutMs: 10_000, maxBytes: 5 * 1024 * 1024, maxRedirects: 5 });
  });

  it('reads a document with its validators, without credentials, with DNT and GPC', async () => {
    const r = await fetchPolicy({ url: `${base}/ok` }, fetch, LOCAL);
    expect(r).toMatchObject({ ok: true, modified: true, text: '<h1>Cookie Policy</h1>', etag: '"v1"' });
    const req = seen.findLast((s) => s.path === '/ok')!;
    expect(req.headers.cookie).toBeUndefined();
    expect(req.headers.dnt).toBe('1');
    expect(req.headers['sec-gpc']).toBe('1');
  });

  it('sends neither DNT nor GPC when the option is off', async () => {
    await fetchPolicy({ url: `${base}/ok?off` }, fetch, { ...LOCAL, signals: false });
    const req = seen.findLast((s) => s.path === '/ok?off')!;
    expect(req.headers.dnt).toBeUndefined();
    expect(req.headers['sec-gpc']).toBeUndefined();
  });

  it('follows up to 5 redirects and refuses the 6th', async () => {
    expect(await fetchPolicy({ url: `${base}/hops?n=4` }, fetch, LOCAL)).toMatchObject({ ok: true, url: `${base}/ok` });
    expect(await fetchPolicy({ url: `${base}/hops?n=5` }, fetch, LOCAL)).toMatchObject({ ok: false, reason: 'too many redirects' });
  });

  it('stops a redirect loop after 6 requests', async () => {
    const before = seen.filter((s) => s.path.startsWith('/loop')).length;
    expect(await fetchPolicy({ url: `${base}/loop` }, fetch, LOCAL)).toMatchObject({ ok: false, reason: 'too many redirects' });
    expect(seen.filter((s) => s.path.startsWith('/loop')).length - before).toBe(6);
  });

  it('refuses non-http(s) URLs and redirects to them', async () => {
    expect(await fetchPolicy({ url: 'file:///etc/passwd' }, fetch, LOCAL)).toMatchObject({ ok: false, reason: 'not http(s)' });
    expect(await fetchPolicy({ url: 'javascript:alert(1)' }, fetch, LOCAL)).toMatchObject({ ok: false, reason: 'not http(s)' });
    expect(await fetchPolicy({ url: `${base}/to-file` }, fetch, LOCAL)).toMatchObject({ ok: false, reason: 'redirect to a non-http(s) URL' });
  });

  it('times out on a server that never answers, and on a body that never ends', async () => {
    const t0 = Date.now();
    expect(await fetchPolicy({ url: `${base}/hang` }, fetch, { limits: fast, allowPrivate: true })).toMatchObject({ ok: false, reason: 'timed out', retryable: true });
    expect(await fetchPolicy({ url: `${base}/slow-body` }, fetch, { limits: fast, allowPrivate: true })).toMatchObject({ ok: false, reason: 'timed out' });
    expect(Date.now() - t0).toBeLessThan(3_000);
  });

  it('refuses a body over the cap, by Content-Length or while reading 50 MB', async () => {
    expect(await fetchPolicy({ url: `${base}/big-declared` }, fetch, LOCAL)).toMatchObject({ ok: false, reason: 'larger than 5 MB' });
    floodBytesSent = 0;
    expect(await fetchPolicy({ url: `${base}/flood` }, fetch, LOCAL)).toMatchObject({ ok: false, reason: 'larger than 5 MB' });
    // The stream was cancelled: the server did not get to write all 50 MB.
    expect(floodBytesSent).toBeLessThan(30 * 1024 * 1024);
  });

  it('checks the content type', async () => {
    expect(await fetchPolicy({ url: `${base}/image` }, fetch, LOCAL)).toMatchObject({ ok: false, reason: 'not a document (image/png)', retryable: false });
  });

  it('refuses local network addresses unless allowed, also behind a redirect', async () => {
    expect(await fetchPolicy({ url: `${base}/ok` }, fetch)).toMatchObject({ ok: false, reason: 'refused: a local network address' });
    expect(await fetchPolicy({ url: 'http://192.168.1.1/admin' }, fetch)).toMatchObject({ ok: false, retryable: false });
    const viaPublicName: Fetcher = (url, init) => fetch(url.replace('http://public.test/', `${base}/`), init);
    expect(await fetchPolicy({ url: 'http://public.test/to-local' }, viaPublicName)).toMatchObject({
      ok: false,
      reason: 'refused: a redirect to a local network address',
    });
  });

  it('reports HTTP failures, 5xx as retryable, 404 not', async () => {
    expect(await fetchPolicy({ url: `${base}/error` }, fetch, LOCAL)).toMatchObject({ ok: false, reason: 'HTTP 500', status: 500, retryable: true });
    expect(await fetchPolicy({ url: `${base}/missing` }, fetch, LOCAL)).toMatchObject({ ok: false, reason: 'HTTP 404', retryable: false });
  });

  it('revalidates with If-None-Match and passes a 304 on', async () => {
    const r = await fetchPolicy({ url: `${base}/etag`, etag: '"v1"' }, fetch, LOCAL);
    expect(r).toMatchObject({ ok: true, modified: false, etag: '"v1"' });
    const fresh = await fetchPolicy({ url: `${base}/etag`, etag: '"v0"' }, fetch, LOCAL);
    expect(fresh).toMatchObject({ ok: true, modified: true, text: '<p>x</p>' });
  });

  it('reports a network failure as a state, never a throw', async () => {
    const r = await fetchPolicy({ url: 'http://127.0.0.1:1/' }, fetch, { limits: fast, allowPrivate: true });
    expect(r.ok).toBe(false);
  });

  it("maps an adapter's too-many-redirects abort (platform-followed redirects)", async () => {
    const failing = () => Promise.reject(new Error('too many redirects'));
    expect(await fetchPolicy({ url: `${base}/ok` }, failing, { redirects: 'platform', allowPrivate: true })).toMatchObject({ ok: false, reason: 'too many redirects' });
  });
});

describe('RedirectCounter', () => {
  it('follows a chain from URL to URL and trips past the limit', () => {
    const counter = new RedirectCounter(5);
    let tripped = 0;
    const stop = counter.watch('http://a/0', () => tripped++);
    for (let i = 0; i < 5; i++) expect(counter.hop(`http://a/${i}`, `http://a/${i + 1}`)).toBe(false);
    expect(counter.hop('http://a/5', 'http://a/6')).toBe(true);
    expect(tripped).toBe(1);
    expect(counter.tripRoot('http://a/0')).toBe(true);
    expect(tripped).toBe(2);
    expect(counter.tripRoot('http://nope/')).toBe(false);
    expect(counter.hop('http://other/', 'http://x/')).toBe(false);
    stop();
    expect(counter.size).toBe(0);
  });

  it('counts a loop back to the same URL', () => {
    const counter = new RedirectCounter(2);
    let tripped = false;
    counter.watch('http://a/', () => (tripped = true));
    counter.hop('http://a/', 'http://a/');
    counter.hop('http://a/', 'http://a/');
    expect(tripped).toBe(false);
    counter.hop('http://a/', 'http://a/');
    expect(tripped).toBe(true);
  });
});
