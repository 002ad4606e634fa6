/**
 * Why a document gave no cookie, in words (issue 13): an empty or near-empty input, or a document (a privacy
 * policy) that names no cookie, with the providers it names and the cookie policy it points to. "0 cookies"
 * alone tells an auditor nothing.
 */
import type { Declaration } from '../../types';

/** Fewer visible characters than this: not a policy at all (an empty file, a page of navigation). */
const NEAR_EMPTY_CHARS = 200;

export function explainNoCookies(d: Declaration, visibleChars: number, text = ''): string[] {
  if (d.cookies.length > 0) return [];
  const out: string[] = [];
  if (visibleChars < NEAR_EMPTY_CHARS) {
    out.push(`empty or near-empty input (${visibleChars} characters of text): no cookie policy to read`);
    return out;
  }
  out.push('this document names no cookie');
  if (d.providers.length > 0) out.push(`it names providers without their cookies: ${d.providers.map((p) => p.name).join(', ')}`);
  if (d.storage.length > 0) out.push(`it names storage keys, not cookies: ${d.storage.map((s) => s.key).join(', ')}`);
  const cookiePolicies = d.links.filter((l) => l.kind === 'cookie-policy');
  if (cookiePolicies.length > 0) out.push(`it points to a cookie policy: ${cookiePolicies.map((l) => l.url).join(', ')}`);
  else {
    const mention = /[^.\n]{0,80}\bcookie[- ]?(?:policy|notice|statement)\b[^.\n]{0,40}/i.exec(text.slice(0, 200_000));
    if (mention) out.push(`it refers to a cookie policy without linking it: “${mention[0].trim()}”`);
  }
  return out;
}
