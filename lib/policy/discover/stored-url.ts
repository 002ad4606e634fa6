/**
 * URLs as we keep them in storage. A page URL can carry a session id, a password-reset token or a signed
 * link in its query string or fragment (issue 8 §3); nothing we do later needs them, so what we store is
 * cut down:
 * - the page a person visited keeps only its origin and path (`pageUrl`, and the Referer we send for it);
 * - a policy document's URL keeps its path, and of its query only the parameters that choose a page in
 *   common CMSs (`?page_id=3`, `?p=12`, `?lang=fr`) with short, plain values: without them a WordPress
 *   policy at `/?page_id=3` could not be found again. Everything else is dropped, and the fragment too
 *   unless it is a plain section name (`#cookies`, or our own `#klaro` marker for an inline declaration).
 * Pure: no browser API.
 */

/** Query parameters that select a page or its language, kept on policy document URLs. */
const PAGE_PARAMS = new Set(['page_id', 'p', 'page', 'id', 'pid', 'lang', 'hl', 'locale', 'language', 'lng', 'option', 'view', 'article', 'slug', 'referer', 'culture']);
/** A fragment naming a section or our own consent-platform marker (`#cookies`, `#klaro`), never `#token=…`. */
const PLAIN_FRAGMENT = /^#[A-Za-z][A-Za-z0-9_-]{0,39}$/;
/**
 * A kept value looks like what selects a page, not like a secret: a numeric id, a language tag, a lower-case
 * slug of words, or a host name (Cookiebot's `referer`). Random tokens mix cases and digits and fail all four.
 */
const PLAIN_VALUE = /^(?:[0-9]{1,12}|[a-z]{2,3}(?:[-_][A-Za-z]{2,4})?|[a-z]{1,20}(?:[-_][a-z]{1,20}){0,5}|(?:[a-z0-9-]{1,63}\.)+[a-z]{2,63})$/;

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** Cut at the first `?` or `#` (what cannot be parsed is still not stored with its query). */
function cutRaw(url: string): string {
  const i = url.search(/[?#]/);
  return i < 0 ? url : url.slice(0, i);
}

/** A visited page's URL without query string or fragment (and without user:password). */
export function strippedPageUrl(url: string): string {
  const u = parse(url);
  if (!u) return cutRaw(url);
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return cutRaw(url);
  return `${u.origin}${u.pathname}`;
}

/** A policy document's URL: path, only page-selecting query parameters, a plain fragment; no credentials. */
export function strippedDocumentUrl(url: string): string {
  const u = parse(url);
  if (!u) return cutRaw(url);
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return cutRaw(url);
  const kept = new URLSearchParams();
  for (const [k, v] of u.searchParams) if (PAGE_PARAMS.has(k.toLowerCase()) && PLAIN_VALUE.test(v)) kept.append(k, v);
  const q = kept.toString();
  const hash = PLAIN_FRAGMENT.test(u.hash) ? u.hash : '';
  return `${u.origin}${u.pathname}${q ? `?${q}` : ''}${hash}`;
}
