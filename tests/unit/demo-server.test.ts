import http from 'node:http';
import https from 'node:https';
import type { TLSSocket } from 'node:tls';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { hostName, startDemoServer, type DemoServer } from '../demo-sites/server';
import { HANDLED, routes, type Site } from '../demo-sites/site';

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  setCookies: string[];
  san?: string;
}

interface Req {
  host: string;
  path?: string;
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  https?: boolean;
  timeoutMs?: number;
}

let server: DemoServer;

/** Request 127.0.0.1 with a Host header, like a browser mapping *.test to 127.0.0.1 would. */
function request(opts: Req, port?: number): Promise<Reply> {
  const secure = opts.https ?? false;
  const p = port ?? (secure ? server.httpsPort! : server.httpPort);
  return new Promise((resolve, reject) => {
    const req = (secure ? https : http).request(
      {
        host: '127.0.0.1',
        port: p,
        path: opts.path ?? '/',
        method: opts.method ?? 'GET',
        headers: { host: opts.host, ...opts.headers },
        agent: false,
        ...(secure ? { servername: opts.host, rejectUnauthorized: false } : {}),
      },
      (res) => {
        const san = secure ? (res.socket as TLSSocket).getPeerCertificate().subjectaltname : undefined;
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body, setCookies: res.headers['set-cookie'] ?? [], san }),
        );
      },
    );
    req.on('error', reject);
    if (opts.timeoutMs) req.setTimeout(opts.timeoutMs, () => req.destroy(new Error('timeout')));
    req.end(opts.body);
  });
}

function statusText(html: string): string | undefined {
  return /<p id="status">([^<]*)<\/p>/.exec(html)?.[1];
}

function cookiePair(setCookie: string): string {
  return setCookie.split(';')[0]!;
}

beforeAll(async () => {
  server = await startDemoServer();
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => server.clear());

describe('demo server basics', () => {
  it('listens on free ports and builds URLs', () => {
    expect(server.httpPort).toBeGreaterThan(0);
    expect(server.httpsPort).toBeGreaterThan(0);
    expect(server.url('syncronis.test')).toBe(`http://syncronis.test:${server.httpPort}/`);
    expect(server.url('youtube.test', '/embed/demo', true)).toBe(`https://youtube.test:${server.httpsPort}/embed/demo`);
    expect(server.hosts).toEqual(expect.arrayContaining(['syncronis.test', 'kopano.test', 'youtube.test']));
  });

  it('strips the port from the Host header', () => {
    expect(hostName('Syncronis.TEST:8080')).toBe('syncronis.test');
    expect(hostName('kopano.test')).toBe('kopano.test');
    expect(hostName('[::1]:80')).toBe('::1');
    expect(hostName(undefined)).toBe('');
  });

  it('routes by host name even with a port in the Host header', async () => {
    const r = await request({ host: `syncronis.test:${server.httpPort}` });
    expect(r.status).toBe(200);
    expect(r.body).toContain('<h1>Syncronis</h1>');
  });

  it('answers 404 for unknown hosts and paths, with the default headers', async () => {
    const unknownHost = await request({ host: 'nowhere.test' });
    expect(unknownHost.status).toBe(404);
    expect(unknownHost.body).toMatch(/no demo site for host "nowhere\.test"/);
    const unknownPath = await request({ host: 'syncronis.test', path: '/nope' });
    expect(unknownPath.status).toBe(404);
    expect(unknownPath.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(unknownPath.headers['cache-control']).toBe('no-store');
  });

  it('records every request with its DNT, Sec-GPC and Cookie headers', async () => {
    const before = Date.now();
    await request({ host: 'syncronis.test', path: '/cookie-policy?x=1', headers: { DNT: '1', 'Sec-GPC': '1', Cookie: 'a=1; b=2' } });
    await request({ host: 'kopano.test' });
    expect(server.requests).toHaveLength(2);
    const [first, second] = server.requests;
    expect(first).toMatchObject({ host: 'syncronis.test', method: 'GET', path: '/cookie-policy?x=1', dnt: '1', secGpc: '1', cookie: 'a=1; b=2', https: false });
    expect(first!.time).toBeGreaterThanOrEqual(before);
    expect(second).toMatchObject({ host: 'kopano.test', path: '/', dnt: undefined, secGpc: undefined, cookie: undefined });
  });

  it('stores /__report bodies with the host and lists requests at /__requests', async () => {
    const r = await request({
      host: 'kopano.test',
      path: '/__report',
      method: 'POST',
      headers: { 'content-type': 'application/json', 'sec-gpc': '1' },
      body: JSON.stringify({ gpc: true, dnt: '1' }),
    });
    expect(r.status).toBe(204);
    expect(server.reports).toEqual([{ host: 'kopano.test', body: { gpc: true, dnt: '1' } }]);

    const list = await request({ host: 'syncronis.test', path: '/__requests' });
    expect(list.headers['content-type']).toMatch(/^application\/json/);
    const recorded = JSON.parse(list.body) as Array<{ path: string; secGpc?: string }>;
    expect(recorded.some((q) => q.path === '/__report' && q.secGpc === '1')).toBe(true);
  });

  it('clear() empties requests and reports in place', async () => {
    const reqs = server.requests;
    await request({ host: 'syncronis.test' });
    expect(reqs.length).toBe(1);
    server.clear();
    expect(reqs.length).toBe(0);
    expect(server.reports.length).toBe(0);
  });
});

describe('syncronis.test', () => {
  it('home: report script first in <head>, footer links, login form, page script', async () => {
    const r = await request({ host: 'syncronis.test' });
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(r.headers['cache-control']).toBe('no-store');
    expect(r.body).toMatch(/<head>\s*<script>\s*try \{\s*fetch\('\/__report'/);
    expect(r.body).toContain('keepalive: true');
    expect(r.body).toContain('navigator.globalPrivacyControl');
    expect(r.body).toContain('<a href="/cookie-policy">Cookie Policy</a>');
    expect(r.body).toContain('<a href="/privacy-policy">Privacy Policy</a>');
    expect(r.body).toMatch(/<form method="post" action="\/login">/);
    expect(r.body).toContain('id="username"');
    expect(r.body).toContain('id="password"');
    expect(r.body).toContain('<button id="login" type="submit">');
    expect(r.body).toContain(`localStorage.setItem('user-preferences', '{"theme":"dark"}')`);
    expect(r.body).toMatch(/document\.cookie = '_ga=GA1\.1\.' .*max-age=63072000; path=\//);
    expect(r.body).toMatch(/'_gid=GA1\.1\.' .*max-age=86400; path=\//);
    expect(r.body).toMatch(/'_hjid=' .*max-age=31536000; path=\//);
    expect(r.body).not.toMatch(/src="https?:/); // no external resources
    expect(statusText(r.body)).toBe('Not signed in');
    expect(r.setCookies).toEqual([]);
  });

  it('login sets session + csrf_token, redirects, and the session signs the user in', async () => {
    const login = await request({
      host: 'syncronis.test',
      path: '/login',
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'username=alice&password=hunter2',
    });
    expect(login.status).toBe(303);
    expect(login.headers.location).toBe('/');
    const session = login.setCookies.find((c) => c.startsWith('session='));
    const csrf = login.setCookies.find((c) => c.startsWith('csrf_token='));
    expect(session).toMatch(/^session=[0-9a-f]{16,}; HttpOnly; Path=\/; Max-Age=604800; SameSite=Lax$/);
    expect(csrf).toMatch(/^csrf_token=[0-9a-f]{16,}; Path=\/; SameSite=Lax$/);

    const cookie = login.setCookies.map(cookiePair).join('; ');
    const home = await request({ host: 'syncronis.test', headers: { cookie } });
    expect(statusText(home.body)).toBe('Signed in as alice');

    const forged = await request({ host: 'syncronis.test', headers: { cookie: 'session=0123456789abcdef' } });
    expect(statusText(forged.body)).toBe('Not signed in');
    const csrfOnly = await request({ host: 'syncronis.test', headers: { cookie: cookiePair(csrf!) } });
    expect(statusText(csrfOnly.body)).toBe('Not signed in');
  });

  it('escapes the user name', async () => {
    const login = await request({
      host: 'syncronis.test',
      path: '/login',
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ username: '<b>x</b>', password: 'p' }).toString(),
    });
    const home = await request({ host: 'syncronis.test', headers: { cookie: login.setCookies.map(cookiePair).join('; ') } });
    expect(statusText(home.body)).toBe('Signed in as &#60;b&#62;x&#60;/b&#62;');
  });

  it('GET /login is not allowed', async () => {
    const r = await request({ host: 'syncronis.test', path: '/login' });
    expect(r.status).toBe(405);
  });

  it('cookie policy: seed 000 as HTML with real tables and the DNT paragraph', async () => {
    const r = await request({ host: 'syncronis.test', path: '/cookie-policy' });
    expect(r.status).toBe(200);
    expect(r.body).toContain('<h2>2. Types of Cookies We Use</h2>');
    expect(r.body).toContain('<h3>Essential Cookies (Always Active)</h3>');
    expect(r.body).toMatch(/<thead>\s*<tr><th>Name<\/th><th>Purpose<\/th><th>Duration<\/th><\/tr>\s*<\/thead>/);
    expect(r.body).toMatch(/<tbody>\s*<tr><td><code>session<\/code><\/td><td>Maintains your login session securely<\/td><td>7 days<\/td><\/tr>/);
    expect(r.body).toContain('<td><code>csrf_token</code></td><td>Protects against cross-site request forgery attacks</td><td>Session</td>');
    expect(r.body).toContain('<td><code>user-preferences</code></td>');
    expect(r.body).toContain('<tr><th>Provider</th><th>Purpose</th><th>Privacy Policy</th></tr>');
    expect(r.body).toContain('<h3>Do Not Track</h3>');
    expect(r.body).toContain("We currently don't respond to DNT signals");
    expect(r.body.match(/<table>/g)).toHaveLength(3);
    expect(r.body).not.toContain('|'); // no leftover pipe tables
    expect(r.body).not.toContain("fetch('/__report'"); // report script only on home pages
  });

  it('privacy policy: seed 001 with a link to the cookie policy and real tables', async () => {
    const r = await request({ host: 'syncronis.test', path: '/privacy-policy' });
    expect(r.status).toBe(200);
    expect(r.body).toContain('see our <a href="/cookie-policy">Cookie Policy</a>.');
    expect(r.body).toContain('<tr><th>Category</th><th>Purpose</th></tr>');
    expect(r.body).toContain('<tr><th>Right</th><th>Description</th></tr>');
    expect(r.body).toContain('<tr><td>Withdraw Consent</td><td>Revoke consent at any time where processing is consent-based</td></tr>');
    expect(r.body.match(/<table>/g)).toHaveLength(2);
  });
});

describe('kopano.test', () => {
  it('home sets PHPSESSID and the WebToffee checkbox cookie over HTTP, scripts set Matomo and _fbp', async () => {
    const r = await request({ host: 'kopano.test' });
    expect(r.status).toBe(200);
    expect(r.setCookies).toHaveLength(2);
    expect(r.setCookies[0]).toMatch(/^PHPSESSID=[a-z0-9]+; Path=\/; HttpOnly$/);
    expect(r.setCookies[1]).toBe('cookielawinfo-checkbox-necessary=yes; Path=/; Max-Age=31536000');
    expect(statusText(r.body)).toBe('New session');
    expect(r.body).toMatch(/<head>\s*<script>\s*try \{\s*fetch\('\/__report'/);
    expect(r.body).toMatch(/'_pk_id\.1\.a1b2=' .*max-age=33696000; path=\//);
    expect(r.body).toContain("'_pk_ses.1.a1b2=1; max-age=1800; path=/'");
    expect(r.body).toMatch(/'_fbp=fb\.1\.' .*max-age=7776000; path=\//);
    expect(r.body).toContain(`<iframe src="https://youtube.test:${server.httpsPort}/embed/demo"`);
    expect(r.body).toContain('<a href="/privacy-cookie-policy">Privacy &amp; Cookie Policy</a>');
  });

  it('reports "Session active" when the request carries PHPSESSID and keeps its id', async () => {
    const r = await request({ host: 'kopano.test', headers: { cookie: 'PHPSESSID=abc123def456' } });
    expect(statusText(r.body)).toBe('Session active');
    expect(r.body).toContain('<code id="session-id">abc123def456</code>');
    expect(r.setCookies[0]).toBe('PHPSESSID=abc123def456; Path=/; HttpOnly');
  });

  it('policy page renders the WebToffee cookie table with full-width category rows', async () => {
    const r = await request({ host: 'kopano.test', path: '/privacy-cookie-policy' });
    expect(r.status).toBe(200);
    expect(r.body).toMatch(/<thead>\s*<tr><th>Cookie<\/th><th>Description<\/th><\/tr>\s*<\/thead>\s*<tbody>\s*<tr><td colspan="2"><strong>Necessary<\/strong><\/td><\/tr>/);
    const categories = [...r.body.matchAll(/<tr><td colspan="2"><strong>([^<]+)<\/strong><\/td><\/tr>/g)].map((m) => m[1]);
    expect(categories).toEqual(['Necessary', 'Kopano Cookies', 'Commercial', 'Not required', 'Cookie Management']);
    const names = [...r.body.matchAll(/<tr><td>([^<]+)<\/td><td>/g)].map((m) => m[1]);
    expect(names).toHaveLength(20);
    expect(names).toContain('_pk_id.*');
    expect(names).toContain('VISITOR_INFO1_LIVE');
    expect(r.body).toContain('<tr><td>test_cookie</td><td></td></tr>');
    expect(r.body).toContain('Your consent applies to the following domains: kopano.com');
    expect(r.body).toContain('Powered By WebToffee');
  });
});

describe('youtube.test over HTTPS', () => {
  it('serves the embed with Secure SameSite=None cookies and a certificate for the site names', async (ctx) => {
    if (server.httpsPort === null) ctx.skip();
    const r = await request({ host: 'youtube.test', path: '/embed/demo', https: true });
    expect(r.status).toBe(200);
    expect(r.body).toContain('Demo video');
    expect(r.setCookies[0]).toMatch(/^YSC=[0-9a-f]+; Path=\/; Secure; SameSite=None; HttpOnly$/);
    expect(r.setCookies[1]).toMatch(/^VISITOR_INFO1_LIVE=[0-9a-f]+; Path=\/; Max-Age=15552000; Secure; SameSite=None$/);
    expect(r.setCookies[2]).toMatch(/^IDE=[0-9a-f]+; .*; Secure; SameSite=None; Partitioned$/);
    expect(r.san).toContain('DNS:*.test');
    expect(r.san).toContain('DNS:youtube.test');
    expect(r.san).toContain('DNS:syncronis.test');
    expect(server.requests.at(-1)).toMatchObject({ host: 'youtube.test', path: '/embed/demo', https: true });
  });

  it('serves the other sites on HTTPS too', async (ctx) => {
    if (server.httpsPort === null) ctx.skip();
    const r = await request({ host: 'syncronis.test', path: '/cookie-policy', https: true });
    expect(r.status).toBe(200);
    expect(r.body).toContain('<h1>Cookie Policy</h1>');
  });
});

describe('custom sites and lifecycle', () => {
  it('serves extra sites, falls back to HTTP only, and close() ends hanging requests', async () => {
    const hanging: Site = {
      host: 'hang.test',
      handle: routes({
        'GET /': () => ({ body: '<p>ok</p>' }),
        'GET /policy': () => new Promise(() => {}),
        'GET /raw': (req) => {
          req.res.writeHead(200, { 'content-type': 'text/plain' });
          req.res.end('raw');
          return HANDLED;
        },
      }),
    };
    const s = await startDemoServer({ sites: [hanging], https: false });
    try {
      expect(s.httpsPort).toBeNull();
      expect(() => s.url('hang.test', '/', true)).toThrow(/HTTPS/);
      expect((await request({ host: 'hang.test' }, s.httpPort)).body).toBe('<p>ok</p>');
      expect((await request({ host: 'hang.test', path: '/raw' }, s.httpPort)).body).toBe('raw');
      expect((await request({ host: 'syncronis.test' }, s.httpPort)).status).toBe(404);

      const pending = request({ host: 'hang.test', path: '/policy', timeoutMs: 5000 }, s.httpPort);
      // Wait for the server to have it (a fixed 100 ms was too short on a loaded machine), bounded.
      for (const end = Date.now() + 5_000; s.requests.at(-1)?.path !== '/policy' && Date.now() < end; ) await new Promise((r) => setTimeout(r, 10));
      expect(s.requests.at(-1)?.path).toBe('/policy');
      const closed = s.close();
      await expect(pending).rejects.toThrow();
      await closed;
    } finally {
      await s.close();
    }
  });
});
