/**
 * CookieYes' banner script (`https://cdn-cookieyes.com/client_data/<key>/script.js`) carries the site's
 * categories and their cookies as a literal: the 2021+ store `_ckyStore._categories = [{slug, cookies:
 * [{cookieID, domain}]}]`, or the legacy `cliConfig.info.categories[]` with `cookies: [{cookie_id, duration,
 * description}]`. Format notes only (../shared/data/cmp-samples/README.md, section 3: the samples carry no
 * licence), so the reader keeps to those keys. Read as data, never run.
 */
import type { Declaration, Purpose } from '../../../types';
import { readJsValue, type JsonValue } from '../js-object';
import { boundText, DeclarationBuilder, isRecord, nameStr, str } from './declaration';

const SLUGS: Record<string, Purpose> = {
  necessary: 'essential',
  functional: 'functional',
  analytics: 'analytics',
  performance: 'analytics',
  advertisement: 'advertising',
  other: 'unknown',
};

const MARKER = /(?:\b_categories|["']_categories["'])\s*[:=]\s*(?=\[)|\bcategories\s*["']?\s*:\s*(?=\[\s*\{[^\]]{0,400}?["']?slug["']?\s*:)/g;

export function detectCookieYes(text: string): boolean {
  // A script, not a page: an HTML policy rendered by CookieYes is the HTML reader's.
  if (/^\s*</.test(text)) return false;
  const head = text.slice(0, 2_000_000);
  if (!/\b_ckyStore\b|\bcliConfig\b/.test(head)) return false;
  // Prose that quotes the format (our samples README) names it too: require a category list we can read.
  return categoriesOf(head) !== null;
}

/** The first readable category list: an array of objects with a `slug`. */
function categoriesOf(text: string): JsonValue[] | null {
  MARKER.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = MARKER.exec(text)) !== null) {
    const read = readJsValue(text, m.index + m[0].length);
    if (read && Array.isArray(read.value) && read.value.some((c) => isRecord(c) && typeof c.slug === 'string')) return read.value;
  }
  return null;
}

export function parseCookieYes(text: string, sourceUrl: string): Declaration {
  const b = new DeclarationBuilder('cookieyes');
  const t = boundText(text, b);
  const categories = categoriesOf(t);
  const found = categories !== null;
  if (categories) readCategories(b, categories);
  if (!found) b.warn('no categories found in the CookieYes script');
  return b.finish(sourceUrl);
}

function readCategories(b: DeclarationBuilder, categories: JsonValue[]): void {
  for (const cat of categories.slice(0, 100)) {
    if (!isRecord(cat)) continue;
    const slug = str(cat.slug) ?? '';
    const name = isRecord(cat.name) ? (str(cat.name.en) ?? str(Object.values(cat.name)[0])) : str(cat.name);
    const purpose = SLUGS[slug] ?? (cat.isNecessary === true || cat.type === 1 ? 'essential' : 'unknown');
    for (const c of Array.isArray(cat.cookies) ? cat.cookies.slice(0, 5000) : []) {
      if (!isRecord(c)) continue;
      const cookieName = nameStr(c.cookieID) ?? nameStr(c.cookie_id) ?? nameStr(c.name);
      if (!cookieName) continue;
      b.addCookie({
        name: cookieName,
        purposeAsWritten: name ?? slug ?? null,
        purpose,
        durationAsWritten: str(c.duration),
        domain: str(c.domain),
      });
    }
  }
}
