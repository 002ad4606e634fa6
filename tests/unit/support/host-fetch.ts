/**
 * `fetch` over node:http to the demo server on 127.0.0.1, whatever the URL's host (`kopano.test:<port>`), with the
 * URL's host as Host header: what the browsers get from `--host-resolver-rules=MAP *.test 127.0.0.1`
 * (Chromium) and `network.dns.localDomains` (Firefox) in the e2e tests. Node's own fetch resolves the name
 * and cannot be told otherwise. Like a platform fetch that stopped at the first response, the Response has
 * no `url` (the caller's URL stands).
 */
import http from 'node:http';
import { Readable } from 'node:stream';

export function hostMappedFetch(): (input: string | URL, init?: RequestInit) => Promise<Response> {
  return (input, init = {}) =>
    new Promise((resolve, reject) => {
      const u = new URL(String(input));
      if (u.protocol !== 'http:') return reject(new TypeError(`fetch failed: http only in this test (${u.protocol})`));
      const headers: Record<string, string> = { host: u.host };
      new Headers(init.headers).forEach((value, name) => (headers[name] = value));
      headers.host = u.host;
      const req = http.request(
        { host: '127.0.0.1', port: u.port || 80, path: u.pathname + u.search, method: init.method ?? 'GET', headers, agent: false },
        (res) => {
          const h = new Headers();
          for (const [k, v] of Object.entries(res.headers)) if (typeof v === 'string') h.set(k, v);
          const nullBody = res.statusCode === 304 || res.statusCode === 204;
          if (nullBody) res.resume();
          resolve(new Response(nullBody ? null : (Readable.toWeb(res) as ReadableStream), { status: res.statusCode ?? 0, headers: h }));
        },
      );
      const signal = init.signal;
      if (signal?.aborted) req.destroy(new Error('aborted'));
      signal?.addEventListener('abort', () => req.destroy(new Error('aborted')), { once: true });
      req.on('error', reject);
      req.end();
    });
}
