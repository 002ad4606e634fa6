/**
 * Fetching a policy document safely: only http(s), credentials omitted, bounded time and size, content
 * type checked. The fetch function is passed in, so this runs in the worker and under Node tests alike.
 */
import { SIGNAL_HEADERS } from '../signals/rules';

export interface FetchLimits {
  timeoutMs: number;
  maxBytes: number;
}

export const DEFAULT_FETCH_LIMITS: FetchLimits = { timeoutMs: 10_000, maxBytes: 5 * 1024 * 1024 };

export type FetchResult =
  | { ok: true; url: string; text: string; contentType: string; truncated: boolean; etag: string | null; lastModified: string | null }
  | { ok: false; url: string; reason: string };

const TEXTUAL = /^(?:text\/(?:html|plain|markdown|x-markdown)|application\/(?:xhtml\+xml|json|javascript|x-javascript)|text\/javascript)/i;

export async function fetchPolicy(
  url: string,
  fetchFn: typeof fetch,
  limits: FetchLimits = DEFAULT_FETCH_LIMITS,
): Promise<FetchResult> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { ok: false, url, reason: 'not a URL' };
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return { ok: false, url, reason: 'not http(s)' };
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), limits.timeoutMs);
  try {
    const response = await fetchFn(parsed.toString(), {
      credentials: 'omit',
      redirect: 'follow',
      cache: 'no-cache',
      referrerPolicy: 'no-referrer',
      headers: { ...SIGNAL_HEADERS, Accept: 'text/html,text/plain;q=0.9,*/*;q=0.5' },
      signal: controller.signal,
    });
    if (!response.ok) return { ok: false, url, reason: `HTTP ${response.status}` };
    const contentType = response.headers.get('content-type') ?? '';
    if (contentType && !TEXTUAL.test(contentType)) return { ok: false, url, reason: `not a document (${contentType.slice(0, 60)})` };
    const { text, truncated } = await readBounded(response, limits.maxBytes);
    return {
      ok: true,
      url: response.url || url,
      text,
      contentType,
      truncated,
      etag: response.headers.get('etag'),
      lastModified: response.headers.get('last-modified'),
    };
  } catch (err) {
    const reason = controller.signal.aborted ? 'timed out' : err instanceof Error ? err.message.slice(0, 200) : 'failed';
    return { ok: false, url, reason };
  } finally {
    clearTimeout(timer);
  }
}

/** Read at most maxBytes of the body, then cancel the stream: a 50 MB answer costs 5 MB. */
async function readBounded(response: Response, maxBytes: number): Promise<{ text: string; truncated: boolean }> {
  const body = response.body;
  if (!body) return { text: '', truncated: false };
  const reader = body.getReader();
  const decoder = new TextDecoder('utf-8', { fatal: false });
  let received = 0;
  let text = '';
  let truncated = false;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    const room = maxBytes - received;
    if (value.byteLength > room) {
      text += decoder.decode(value.subarray(0, room), { stream: true });
      truncated = true;
      await reader.cancel().catch(() => undefined);
      break;
    }
    received += value.byteLength;
    text += decoder.decode(value, { stream: true });
  }
  text += decoder.decode();
  return { text, truncated };
}
