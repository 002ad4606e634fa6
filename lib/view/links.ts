/**
 * Links to pages a website named (its policy): only http: and https: URLs become links (STYLE.md §6), so a
 * policy on a plain-http site is still clickable, and `javascript:`, `data:` or anything else stays text.
 */
export function safeHref(url: string | null | undefined): string | null {
  if (!url) return null;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return null;
  // Credentials in a link are a phishing trick, never a policy's address.
  if (u.username || u.password) return null;
  return u.toString();
}

/** Host and path of a URL, for a narrow column. */
export function shortUrl(url: string, max = 80): string {
  try {
    const u = new URL(url);
    return `${u.host}${u.pathname}`.slice(0, max);
  } catch {
    return url.slice(0, max);
  }
}
