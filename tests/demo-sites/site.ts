/**
 * The small toolkit every demo site is written with: the Site type the server routes to, request/response
 * shapes, a route table helper, an HTML page layout, escaping, cookie parsing and random tokens.
 *
 * A site is a host name plus a handler. The server (server.ts) does everything generic: host routing,
 * request recording, `POST /__report`, `GET /__requests`, 404s, default headers, HTTP and HTTPS.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';

export interface SiteRequest {
  /** Host name from the Host header, port stripped, lower case. */
  host: string;
  method: string;
  /** Path including the query string, as sent (`/login?x=1`). */
  path: string;
  /** Path without the query string. */
  pathname: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** Cookies from the Cookie header (first value wins on duplicates). */
  cookies: Record<string, string>;
  /** Request body as text ('' when none). */
  body: string;
  /** True when the request came in on the HTTPS listener. */
  https: boolean;
  /** Escape hatch for sites that need to misbehave (stream, stall): write here and return HANDLED. */
  raw: IncomingMessage;
  res: ServerResponse;
}

export interface SiteResponse {
  /** Default 200. */
  status?: number;
  /** Extra headers. `Set-Cookie` as an array for several cookies. Content-Type / Cache-Control have defaults. */
  headers?: Record<string, string | string[]>;
  body?: string;
}

/** What a site's handler knows about the running server. */
export interface SiteContext {
  httpPort: number;
  httpsPort: number | null;
  /** Absolute URL of a page on a demo host (throws when https is asked for and HTTPS is off). */
  url(host: string, path?: string, https?: boolean): string;
}

/** Return this from a handler that wrote the response itself through `req.res` (or never will: a hanging server). */
export const HANDLED = Symbol('handled');

/** `undefined` means "no such path" (the server answers 404). A never-settling promise makes the request hang. */
export type HandlerResult = SiteResponse | typeof HANDLED | undefined;
export type Handler = (req: SiteRequest, ctx: SiteContext) => HandlerResult | Promise<HandlerResult>;

export interface Site {
  /** Host name the site answers on, e.g. `syncronis.test`. */
  host: string;
  handle: Handler;
}

/**
 * Route table keyed by `'METHOD /path'` (pathname only, exact match). HEAD is served by the GET route.
 * A known path with another method gets 405; an unknown path falls through to the server's 404.
 */
export function routes(table: Record<string, Handler>): Handler {
  const byPath = new Map<string, Map<string, Handler>>();
  for (const [key, handler] of Object.entries(table)) {
    const space = key.indexOf(' ');
    const method = key.slice(0, space).toUpperCase();
    const path = key.slice(space + 1);
    if (!byPath.has(path)) byPath.set(path, new Map());
    byPath.get(path)!.set(method, handler);
  }
  return (req, ctx) => {
    const methods = byPath.get(req.pathname);
    if (!methods) return undefined;
    const handler = methods.get(req.method) ?? (req.method === 'HEAD' ? methods.get('GET') : undefined);
    if (handler) return handler(req, ctx);
    return {
      status: 405,
      headers: { Allow: [...methods.keys()].join(', ') },
      body: `Method ${req.method} not allowed on ${req.pathname}\n`,
    };
  };
}

/** Escape text for HTML content and attribute values. */
export function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Random lower-case hex string of `bytes` bytes. */
export function token(bytes = 16): string {
  return randomBytes(bytes).toString('hex');
}

/** Parse a Cookie request header into name → value (first occurrence wins, like most servers). */
export function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!header) return out;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    if (!name || name in out) continue;
    out[name] = part.slice(eq + 1).trim();
  }
  return out;
}

/**
 * Inline script placed first in `<head>` of every home page: tells the server which privacy signals the page's
 * JavaScript sees. Stored in DemoServer.reports as `{ gpc, dnt }` (undefined is sent as null).
 */
export const REPORT_SCRIPT = `<script>
try {
  fetch('/__report', {
    method: 'POST',
    keepalive: true,
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      gpc: navigator.globalPrivacyControl === undefined ? null : navigator.globalPrivacyControl,
      dnt: navigator.doNotTrack === undefined ? null : navigator.doNotTrack
    })
  }).catch(function () {});
} catch (e) {}
</script>`;

export interface PageOptions {
  title: string;
  /** Inner HTML of <body>. */
  body: string;
  /** Site stylesheet (inline). */
  css?: string;
  /** Put REPORT_SCRIPT first in <head> (home pages). */
  report?: boolean;
  /** Inline script placed at the end of <body>. */
  script?: string;
}

/** A complete, self-contained HTML document (no external resources). */
export function page(opts: PageOptions): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
${opts.report ? REPORT_SCRIPT + '\n' : ''}<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>${esc(opts.title)}</title>
<style>
${opts.css ?? ''}
</style>
</head>
<body>
${opts.body}
${opts.script ? `<script>\n${opts.script}\n</script>\n` : ''}</body>
</html>
`;
}

/** 200 text/html response (server adds Content-Type and Cache-Control). */
export function html(body: string, headers?: Record<string, string | string[]>): SiteResponse {
  return { status: 200, headers, body };
}

/** Redirect (303 See Other by default). */
export function redirect(location: string, headers: Record<string, string | string[]> = {}, status = 303): SiteResponse {
  return { status, headers: { ...headers, Location: location }, body: '' };
}
