/**
 * Fetching a policy document safely: only http(s), credentials omitted, at most 5 redirects, a 10 s timeout,
 * a 5 MB cap, content type checked. The fetch function is passed in, so this runs in the worker and under
 * Node tests alike.
 *
 * Redirects. Node's fetch hands a `redirect: 'manual'` response over with its Location, so here we follow
 * and count the hops ourselves ('manual'). Browsers do not: an extension's `redirect: 'manual'` fetch gets
 * an opaque-redirect response with no Location (Fetch standard, "opaque-redirect filtered response"). There
 * the platform follows ('platform') and the adapter counts the hops it observes and aborts the fetch past the
 * limit (see RedirectCounter and entrypoints/background/fetch-guard.ts).
 */
import { isPrivateHost } from './private-hosts';
import { SIGNAL_HEADERS } from '../../signals/rules';

export interface FetchLimits {
  /** Whole request, body included. */
  timeoutMs: number;
  /** Larger bodies are refused, not cut. */
  maxBytes: number;
  maxRedirects: number;
}

export const DEFAULT_FETCH_LIMITS: FetchLimits = { timeoutMs: 10_000, maxBytes: 5 * 1024 * 1024, maxRedirects: 5 };

export type Fetcher = (url: string, init: RequestInit) => Promise<Response>;

export interface PolicyRequest {
  url: string;
  /** A page URL the platform must see as Referer (Cookiebot's cc.js). `fetch` cannot set it: the adapter does. */
  referer?: string;
  /** Validators of the copy we hold: the answer may be 304. */
  etag?: string | null;
  lastModified?: string | null;
}

export type FetchResult =
  | {
      ok: true;
      /** Final URL after redirects. */
      url: string;
      /** false: the server answered 304 Not Modified, `text` is empty. */
      modified: boolean;
      text: string;
      contentType: string;
      etag: string | null;
      lastModified: string | null;
    }
  | {
      ok: false;
      url: string;
      reason: string;
      /** HTTP status when there was one. */
      status?: number;
      /** Worth trying again later (time-outs, network errors, 5xx, 429); a 404 or a wrong type is not. */
      retryable: boolean;
    };

export interface FetchOptions {
  limits?: FetchLimits;
  redirects?: 'manual' | 'platform';
  /** Allow hosts on the local machine or network (only when the page itself is on one). */
  allowPrivate?: boolean;
  /** Send DNT and Sec-GPC, as the user's pages do (default true; false when the option is off). */
  signals?: boolean;
}

const TEXTUAL =
  /^(?:text\/(?:html|plain|markdown|x-markdown|javascript)|application\/(?:xhtml\+xml|json|ld\+json|javascript|x-javascript|ecmascript))\s*(?:;|$)/i;

const REDIRECT = new Set([301, 302, 303, 307, 308]);

/** Thrown by an adapter's fetcher (or the counter) when the platform followed too many redirects. */
export class TooManyRedirects extends Error {
  constructor() {
    super('too many redirects');
  }
}

export async function fetchPolicy(request: PolicyRequest, fetchFn: Fetcher, options: FetchOptions = {}): Promise<FetchResult> {
  const limits = options.limits ?? DEFAULT_FETCH_LIMITS;
  const mode = options.redirects ?? 'manual';
  let current: URL;
  try {
    current = new URL(request.url);
  } catch {
    return { ok: false, url: request.url, reason: 'not a URL', retryable: false };
  }
  if (!isHttp(current)) return { ok: false, url: request.url, reason: 'not http(s)', retryable: false };
  if (!options.allowPrivate && isPrivateHost(current.hostname)) {
    return { ok: false, url: request.url, reason: 'refused: a local network address', retryable: false };
  }

  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, limits.timeoutMs);
  const headers: Record<string, string> = {
    ...(options.signals === false ? {} : SIGNAL_HEADERS),
    Accept: 'text/html,application/xhtml+xml,text/plain;q=0.9,application/json;q=0.8,*/*;q=0.5',
  };
  if (request.etag) headers['If-None-Match'] = request.etag;
  if (request.lastModified) headers['If-Modified-Since'] = request.lastModified;
  const conditional = Boolean(request.etag || request.lastModified);
  try {
    let redirects = 0;
    for (;;) {
      const response = await fetchFn(current.toString(), {
        method: 'GET',
        credentials: 'omit',
        redirect: mode === 'manual' ? 'manual' : 'follow',
        // Our own validators make the answer a 304 we must see, not one the HTTP cache turns into a 200.
        cache: conditional ? 'no-store' : 'no-cache',
        referrerPolicy: 'no-referrer',
        headers,
        signal: controller.signal,
      });
      if (response.type === 'opaqueredirect') {
        return { ok: false, url: request.url, reason: 'redirect hidden by the platform', retryable: false };
      }
      if (mode === 'manual' && REDIRECT.has(response.status)) {
        await response.body?.cancel().catch(() => undefined);
        const location = response.headers.get('location');
        if (!location) return { ok: false, url: request.url, reason: `HTTP ${response.status} without Location`, status: response.status, retryable: false };
        let next: URL;
        try {
          next = new URL(location, current);
        } catch {
          return { ok: false, url: request.url, reason: 'redirect to a bad URL', retryable: false };
        }
        if (!isHttp(next)) return { ok: false, url: request.url, reason: 'redirect to a non-http(s) URL', retryable: false };
        if (!options.allowPrivate && isPrivateHost(next.hostname)) {
          return { ok: false, url: request.url, reason: 'refused: a redirect to a local network address', retryable: false };
        }
        if (++redirects > limits.maxRedirects) return { ok: false, url: request.url, reason: 'too many redirects', retryable: true };
        current = next;
        continue;
      }
      const finalUrl = response.url || current.toString();
      if (response.status === 304) {
        await response.body?.cancel().catch(() => undefined);
        return {
          ok: true,
          url: finalUrl,
          modified: false,
          text: '',
          contentType: '',
          etag: response.headers.get('etag') ?? request.etag ?? null,
          lastModified: response.headers.get('last-modified') ?? request.lastModified ?? null,
        };
      }
      if (!response.ok) {
        await response.body?.cancel().catch(() => undefined);
        const s = response.status;
        return { ok: false, url: request.url, reason: `HTTP ${s}`, status: s, retryable: s >= 500 || s === 429 || s === 408 };
      }
      const contentType = response.headers.get('content-type') ?? '';
      if (contentType && !TEXTUAL.test(contentType)) {
        await response.body?.cancel().catch(() => undefined);
        return { ok: false, url: request.url, reason: `not a document (${contentType.slice(0, 60)})`, retryable: false };
      }
      const declared = Number(response.headers.get('content-length'));
      if (Number.isFinite(declared) && declared > limits.maxBytes) {
        await response.body?.cancel().catch(() => undefined);
        return { ok: false, url: request.url, reason: `larger than ${formatBytes(limits.maxBytes)}`, retryable: false };
      }
      const body = await readBounded(response, limits.maxBytes);
      if (body === null) return { ok: false, url: request.url, reason: `larger than ${formatBytes(limits.maxBytes)}`, retryable: false };
      return {
        ok: true,
        url: finalUrl,
        modified: true,
        text: body,
        contentType,
        etag: response.headers.get('etag'),
        lastModified: response.headers.get('last-modified'),
      };
    }
  } catch (err) {
    if (timedOut) return { ok: false, url: request.url, reason: 'timed out', retryable: true };
    if (err instanceof TooManyRedirects || (err instanceof Error && err.message === 'too many redirects')) {
      return { ok: false, url: request.url, reason: 'too many redirects', retryable: true };
    }
    return { ok: false, url: request.url, reason: 'network error', retryable: true };
  } finally {
    clearTimeout(timer);
  }
}

function isHttp(url: URL): boolean {
  return url.protocol === 'http:' || url.protocol === 'https:';
}

function formatBytes(n: number): string {
  if (n >= 1024 * 1024 && n % (1024 * 1024) === 0) return `${n / (1024 * 1024)} MB`;
  if (n >= 1024 && n % 1024 === 0) return `${n / 1024} KB`;
  return `${n} bytes`;
}

/** Read the body, or null as soon as it passes maxBytes (the stream is cancelled: a 50 MB answer costs 5 MB). */
async function readBounded(response: Response, maxBytes: number): Promise<string | null> {
  const body = response.body;
  if (!body) return '';
  const reader = body.getReader();
  const decoder = new TextDecoder('utf-8', { fatal: false });
  let received = 0;
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    received += value.byteLength;
    if (received > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    text += decoder.decode(value, { stream: true });
  }
  return text + decoder.decode();
}

/**
 * Counts the redirects of fetches the platform follows by itself, from the redirect events the adapter
 * observes (`webRequest.onBeforeRedirect`: from URL, to URL). A chain starts at a URL we asked for; each
 * hop carries the count to the next URL. `hop` returns the callback of a chain that went past the limit.
 */
export class RedirectCounter {
  private readonly chains = new Map<string, { count: number; onExceeded: () => void; root: string }>();

  constructor(private readonly maxRedirects: number = DEFAULT_FETCH_LIMITS.maxRedirects) {}

  /** Watch the fetch of `url`; returns a function that stops watching. */
  watch(url: string, onExceeded: () => void): () => void {
    const chain = { count: 0, onExceeded, root: url };
    this.chains.set(url, chain);
    return () => {
      for (const [k, v] of this.chains) if (v === chain) this.chains.delete(k);
    };
  }

  /** A redirect from `from` to `to` happened. True when it was one of ours and went past the limit. */
  hop(from: string, to: string): boolean {
    const chain = this.chains.get(from);
    if (!chain) return false;
    chain.count++;
    this.chains.set(to, chain);
    if (chain.count > this.maxRedirects) {
      chain.onExceeded();
      return true;
    }
    return false;
  }

  /** A blocking listener stopped the chain that started at `root` itself: report it as too many redirects. */
  tripRoot(root: string): boolean {
    for (const chain of this.chains.values()) {
      if (chain.root === root) {
        chain.onExceeded();
        return true;
      }
    }
    return false;
  }

  get size(): number {
    return this.chains.size;
  }
}
