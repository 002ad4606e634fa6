/**
 * Termly's cookie list, as its snippet API answers it
 * (`/api/v1/snippets/websites/<website>/documents/<document>/cookies`):
 * `{"cookies": {"essential": [...], "performance": [...], "analytics": [...], "advertising": [...],
 * "social_networking": [...], "unclassified": [...]}}`, each cookie with keys among name, category,
 * tracker_type, domain, service, en_us (purpose text), expire.
 * Documented from the CookieBlock crawler (../shared/data/cmp-samples/README.md, section 5); no payload
 * sample was found, so the reader keeps to the documented keys. "performance" is functional there.
 */
import type { Declaration, Purpose } from '../../../types';
import { arrayOf, boundText, DeclarationBuilder, isRecord, nameStr, parseJson, str } from './declaration';

const CATEGORIES: Record<string, Purpose> = {
  essential: 'essential',
  performance: 'functional',
  analytics: 'analytics',
  advertising: 'advertising',
  social_networking: 'advertising',
  unclassified: 'unknown',
};

/** A Termly cookie list: an object of category → array of entries with `name` and Termly's own keys. */
export function isTermlyCookies(json: Record<string, unknown>): boolean {
  if (!isRecord(json.cookies)) return false;
  const keys = Object.keys(json.cookies);
  if (!keys.some((k) => k in CATEGORIES)) return false;
  return Object.values(json.cookies)
    .slice(0, 20)
    .flatMap((v) => arrayOf(v).slice(0, 20))
    .some((i) => isRecord(i) && 'name' in i && ('tracker_type' in i || 'en_us' in i || 'service' in i));
}

export function parseTermly(text: string, sourceUrl: string): Declaration {
  const b = new DeclarationBuilder('termly');
  const t = boundText(text, b);
  const json = parseJson(t);
  if (!isRecord(json) || !isRecord(json.cookies)) {
    b.warn('not a Termly cookie list');
    return b.finish(sourceUrl);
  }
  for (const [category, entries] of Object.entries(json.cookies).slice(0, 50)) {
    const purpose = CATEGORIES[category] ?? 'unknown';
    for (const c of arrayOf(entries).slice(0, 5000)) {
      if (!isRecord(c)) continue;
      const type = str(c.tracker_type) ?? 'http_cookie';
      const name = nameStr(c.name);
      if (!name) continue;
      if (/storage/i.test(type)) {
        b.addStorage(name, category, purpose);
        continue;
      }
      if (/pixel/i.test(type)) continue;
      b.addCookie({
        name,
        purposeAsWritten: category,
        purpose,
        durationAsWritten: str(c.expire),
        provider: str(c.service),
        domain: str(c.domain),
      });
    }
  }
  return b.finish(sourceUrl);
}

/** From the snippet API's website answer to the cookie list URL of its "Cookie Policy" document. */
export function termlyCookiesUrl(text: string, websiteUrl: string): string | null {
  const json = text.length <= 1_000_000 ? parseJson(text) : undefined;
  if (!isRecord(json)) return null;
  const docs = arrayOf(json.documents).filter(isRecord);
  const doc = docs.find((d) => /cookie/i.test(str(d.name) ?? '')) ?? null;
  const uuid = doc ? str(doc.uuid) : null;
  if (!uuid || !/^[0-9a-f-]{36}$/i.test(uuid)) return null;
  try {
    const base = websiteUrl.endsWith('/') ? websiteUrl : `${websiteUrl}/`;
    return new URL(`documents/${uuid}/cookies`, base).toString();
  } catch {
    return null;
  }
}
