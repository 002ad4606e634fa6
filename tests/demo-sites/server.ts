/**
 * Demo-site server for the end-to-end tests and `npm start`.
 *
 * One Node server on 127.0.0.1 (HTTP, plus HTTPS with a throw-away self-signed certificate made with `openssl`)
 * serves made-up sites `*.test`, chosen by the Host header. Browsers reach it with
 * `--host-resolver-rules=MAP *.test 127.0.0.1` (Chromium) or `network.dns.localDomains` (Firefox).
 *
 * Every request is recorded (Host, method, path, DNT, Sec-GPC, Cookie). On every site:
 *   POST /__report    JSON body stored in `reports` with the host (home pages post { gpc, dnt } on load)
 *   GET  /__requests  the recorded requests as JSON
 *
 * Only Node built-ins. Sites live in ./sites/*.ts; see ./site.ts for the Site type.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { HANDLED, parseCookies, type Site, type SiteContext, type SiteRequest, type SiteResponse } from './site';
import { defaultSites } from './sites/index';

export type { Site, SiteContext, SiteRequest, SiteResponse } from './site';
export { defaultSites } from './sites/index';

export interface RecordedRequest {
  host: string;
  method: string;
  /** Path with query string. */
  path: string;
  dnt: string | undefined;
  secGpc: string | undefined;
  cookie: string | undefined;
  /** Date.now() when the request arrived. */
  time: number;
  /** Whether it came in over HTTPS. */
  https: boolean;
}

export interface DemoReport {
  host: string;
  body: unknown;
}

export interface DemoServer {
  httpPort: number;
  /** null when HTTPS could not be set up (no openssl) or was turned off. */
  httpsPort: number | null;
  /** Host names of the served sites (e.g. for Firefox's `network.dns.localDomains`). */
  hosts: string[];
  /** `http://syncronis.test:<port>/path`; https=true uses the HTTPS port (throws when there is none). */
  url(host: string, path?: string, https?: boolean): string;
  /** Every request in arrival order (live array; clear() empties it in place). */
  requests: RecordedRequest[];
  /** Bodies posted to /__report (live array). */
  reports: DemoReport[];
  /** Forget recorded requests and reports (site state such as logins stays). */
  clear(): void;
  /** Stop listening and drop open connections (also hanging ones). */
  close(): Promise<void>;
}

export interface DemoServerOptions {
  /** Default 0 (a free port). */
  httpPort?: number;
  /** Default 0 (a free port). */
  httpsPort?: number;
  /** Listen address, default 127.0.0.1. */
  host?: string;
  /** false: HTTP only. Default true (falls back to HTTP only, with a warning, when openssl is missing). */
  https?: boolean;
  /** Sites to serve; default defaultSites(). */
  sites?: Site[];
}

const MAX_BODY = 1 << 20;

const DEFAULT_HEADERS = {
  'Content-Type': 'text/html; charset=utf-8',
  'Cache-Control': 'no-store',
} as const;

/** Host name from a Host header: port stripped, lower case, IPv6 brackets removed. */
export function hostName(header: string | undefined): string {
  if (!header) return '';
  const h = header.trim().toLowerCase();
  const v6 = /^\[([^\]]*)\](?::\d+)?$/.exec(h);
  if (v6) return v6[1]!;
  return h.replace(/:\d*$/, '').replace(/\.$/, '');
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v.join(', ') : v;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        reject(new Error('request body too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, r: SiteResponse): void {
  if (res.headersSent || res.destroyed) return;
  res.statusCode = r.status ?? 200;
  for (const [k, v] of Object.entries(DEFAULT_HEADERS)) res.setHeader(k, v);
  for (const [k, v] of Object.entries(r.headers ?? {})) res.setHeader(k, v);
  res.end(r.body ?? '');
}

function text(status: number, body: string): SiteResponse {
  return { status, body: body.endsWith('\n') ? body : body + '\n' };
}

/** Make a self-signed certificate for the given names with the openssl command; null when that fails. */
async function makeCertificate(names: string[]): Promise<{ key: string; cert: string } | null> {
  const dir = await mkdtemp(join(tmpdir(), 'cookie-warden-demo-'));
  try {
    const keyFile = join(dir, 'key.pem');
    const certFile = join(dir, 'cert.pem');
    const san = [...new Set(['*.test', ...names, ...names.map((n) => `*.${n}`), 'localhost'])]
      .map((n) => `DNS:${n}`)
      .concat('IP:127.0.0.1')
      .join(',');
    // prettier-ignore
    await promisify(execFile)('openssl', [
      'req', '-x509', '-nodes', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1',
      '-keyout', keyFile, '-out', certFile, '-days', '30', '-subj', '/CN=Cookie Warden demo sites',
      '-addext', `subjectAltName=${san}`,
      '-addext', 'basicConstraints=critical,CA:FALSE',
      '-addext', 'extendedKeyUsage=serverAuth',
    ], { timeout: 20_000 });
    return { key: await readFile(keyFile, 'utf8'), cert: await readFile(certFile, 'utf8') };
  } catch (err) {
    const e = err as NodeJS.ErrnoException & { stderr?: string };
    const why = e.code === 'ENOENT' ? 'the openssl command is not installed' : (e.stderr || e.message).trim();
    console.warn(`[demo-sites] HTTPS disabled, could not make a certificate: ${why}`);
    return null;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function listen(server: http.Server | https.Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function closeServer(server: http.Server | https.Server): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) return resolve();
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

export async function startDemoServer(opts: DemoServerOptions = {}): Promise<DemoServer> {
  const bindHost = opts.host ?? '127.0.0.1';
  const sites = opts.sites ?? defaultSites();
  const byHost = new Map<string, Site>();
  for (const site of sites) {
    const h = site.host.toLowerCase();
    if (byHost.has(h)) throw new Error(`two demo sites for host ${h}`);
    byHost.set(h, site);
  }
  const hosts = [...byHost.keys()];

  const requests: RecordedRequest[] = [];
  const reports: DemoReport[] = [];
  let httpPort = 0;
  let httpsPort: number | null = null;

  const url = (host: string, path = '/', secure = false): string => {
    if (!path.startsWith('/')) path = '/' + path;
    if (secure) {
      if (httpsPort === null) throw new Error('demo server: HTTPS is not available');
      return `https://${host}:${httpsPort}${path}`;
    }
    return `http://${host}:${httpPort}${path}`;
  };
  const ctx: SiteContext = {
    get httpPort() {
      return httpPort;
    },
    get httpsPort() {
      return httpsPort;
    },
    url,
  };

  const handle = async (req: IncomingMessage, res: ServerResponse, secure: boolean): Promise<void> => {
    const host = hostName(req.headers.host);
    const method = (req.method ?? 'GET').toUpperCase();
    const path = req.url ?? '/';
    requests.push({
      host,
      method,
      path,
      dnt: header(req, 'dnt'),
      secGpc: header(req, 'sec-gpc'),
      cookie: header(req, 'cookie'),
      time: Date.now(),
      https: secure,
    });

    let body: string;
    try {
      body = await readBody(req);
    } catch {
      return send(res, text(413, 'Request body too large'));
    }

    const site = byHost.get(host);
    if (!site) return send(res, text(404, `Not found: no demo site for host "${host}". Sites: ${hosts.join(', ')}`));

    const parsed = new URL(path, 'http://x');
    if (parsed.pathname === '/__report') {
      if (method !== 'POST') return send(res, text(405, 'POST a JSON body to /__report'));
      let value: unknown;
      try {
        value = JSON.parse(body);
      } catch {
        value = body;
      }
      reports.push({ host, body: value });
      return send(res, { status: 204 });
    }
    if (parsed.pathname === '/__requests' && (method === 'GET' || method === 'HEAD')) {
      return send(res, { headers: { 'Content-Type': 'application/json; charset=utf-8' }, body: JSON.stringify(requests, null, 2) });
    }

    const siteReq: SiteRequest = {
      host,
      method,
      path,
      pathname: parsed.pathname,
      query: parsed.searchParams,
      headers: req.headers,
      cookies: parseCookies(header(req, 'cookie')),
      body,
      https: secure,
      raw: req,
      res,
    };
    const result = await site.handle(siteReq, ctx);
    if (result === HANDLED) return;
    if (!result) return send(res, text(404, `Not found: ${parsed.pathname} on ${host}`));
    send(res, result);
  };

  const listener = (secure: boolean) => (req: IncomingMessage, res: ServerResponse) => {
    handle(req, res, secure).catch((err: unknown) => {
      console.error('[demo-sites] handler error:', err);
      send(res, text(500, 'Internal error in demo site'));
    });
  };

  const httpServer = http.createServer(listener(false));
  let httpsServer: https.Server | null = null;
  try {
    httpPort = await listen(httpServer, opts.httpPort ?? 0, bindHost);
    if (opts.https !== false) {
      const tls = await makeCertificate(hosts);
      if (tls) {
        httpsServer = https.createServer(tls, listener(true));
        httpsPort = await listen(httpsServer, opts.httpsPort ?? 0, bindHost);
      }
    }
  } catch (err) {
    await closeServer(httpServer);
    if (httpsServer) await closeServer(httpsServer);
    throw err;
  }

  let closing: Promise<void> | null = null;
  return {
    get httpPort() {
      return httpPort;
    },
    get httpsPort() {
      return httpsPort;
    },
    hosts,
    url,
    requests,
    reports,
    clear() {
      requests.length = 0;
      reports.length = 0;
    },
    close() {
      closing ??= Promise.all([closeServer(httpServer), httpsServer ? closeServer(httpsServer) : undefined]).then(() => {});
      return closing;
    },
  };
}
