/**
 * Set-Cookie lines as the browser hands them to us, parsed just enough to decide: the name, the Domain,
 * Path and Partitioned attributes, and whether the line deletes the cookie. Pure; never keeps a value.
 *
 * Firefox's webRequest joins several Set-Cookie headers of a response into one value separated by
 * newlines (https://bugzilla.mozilla.org/show_bug.cgi?id=1247722 — it is how its header store keeps them);
 * Chromium gives one header per line. `document.cookie = "…"` takes the same syntax (one cookie).
 */

export interface SetCookieLine {
  name: string;
  /** The Domain attribute without its leading dot, lower case, or null (host-only). */
  domain: string | null;
  path: string | null;
  secure: boolean;
  partitioned: boolean;
  /** Max-Age ≤ 0 or Expires in the past: the line removes the cookie. */
  deletes: boolean;
}

/** Split a Set-Cookie header value as webRequest gives it (newline-joined in Firefox) into lines. */
export function splitSetCookie(value: string): string[] {
  const out: string[] = [];
  for (const line of value.split('\n')) {
    const t = line.trim();
    if (t) out.push(t);
  }
  return out;
}

/** RFC 6265 §5.2: the name is what precedes the first '=' of the first pair; no '=' means a nameless cookie. */
export function cookieNameOf(line: string): string {
  const semi = line.indexOf(';');
  const pair = semi < 0 ? line : line.slice(0, semi);
  const eq = pair.indexOf('=');
  return eq < 0 ? '' : pair.slice(0, eq).trim();
}

export function parseSetCookie(line: string, now: number): SetCookieLine {
  const parts = line.split(';');
  const name = cookieNameOf(line);
  const out: SetCookieLine = { name, domain: null, path: null, secure: false, partitioned: false, deletes: false };
  let maxAge: number | null = null;
  let expires: number | null = null;
  for (let i = 1; i < parts.length; i++) {
    const part = parts[i]!;
    const eq = part.indexOf('=');
    const key = (eq < 0 ? part : part.slice(0, eq)).trim().toLowerCase();
    const val = eq < 0 ? '' : part.slice(eq + 1).trim();
    switch (key) {
      case 'domain': {
        const d = val.replace(/^\./, '').toLowerCase();
        out.domain = d || null;
        break;
      }
      case 'path':
        out.path = val || null;
        break;
      case 'secure':
        out.secure = true;
        break;
      case 'partitioned':
        out.partitioned = true;
        break;
      case 'max-age':
        if (/^-?\d+$/.test(val)) maxAge = Number(val);
        break;
      case 'expires': {
        const t = Date.parse(val);
        if (!Number.isNaN(t)) expires = t;
        break;
      }
    }
  }
  // Max-Age wins over Expires (RFC 6265 §5.3 step 3).
  out.deletes = maxAge !== null ? maxAge <= 0 : expires !== null && expires <= now;
  return out;
}

/** Rebuild a header value without the lines `keep` refuses; null when nothing was dropped. */
export function filterSetCookie(value: string, keep: (line: string) => boolean): { value: string; dropped: string[] } | null {
  const lines = splitSetCookie(value);
  const kept: string[] = [];
  const dropped: string[] = [];
  for (const line of lines) (keep(line) ? kept : dropped).push(line);
  if (dropped.length === 0) return null;
  return { value: kept.join('\n'), dropped };
}

/**
 * A Cookie request header without the refused names (`name=value; name2=value2`). Returns null when
 * nothing was dropped, '' when nothing is left.
 */
export function filterCookieHeader(value: string, refuse: (name: string) => boolean): string | null {
  const pairs = value.split(';');
  const kept: string[] = [];
  let dropped = false;
  for (const pair of pairs) {
    const t = pair.trim();
    if (!t) continue;
    const eq = t.indexOf('=');
    const name = eq < 0 ? '' : t.slice(0, eq).trim();
    if (name && refuse(name)) dropped = true;
    else kept.push(t);
  }
  return dropped ? kept.join('; ') : null;
}
