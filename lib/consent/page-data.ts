/**
 * Issue 15: what the page-side function (utils/banner-page.ts) returns comes from a page we do not trust:
 * checked field by field and bounded here before the background uses it.
 */
import { isConsentPlatform, type ConsentPlatform, type PlatformCategory } from './answer';
import type { RecordReadout } from './records';

export interface DetectedPlatform {
  platform: ConsentPlatform;
  categories: PlatformCategory[];
  cookieName: string;
  /** The platform already holds an answer (ours from an earlier visit, or the person's). */
  answered: boolean;
  bannerVisible: boolean;
  /** The page it was found in (the page's own word): checked against the page the background meant. */
  url: string;
}

const MAX_CATEGORIES = 100;
const MAX_ID = 200;

const isText = (x: unknown, max = MAX_ID): x is string => typeof x === 'string' && x.length > 0 && x.length <= max;

function categoriesOf(raw: unknown): PlatformCategory[] | null {
  if (!Array.isArray(raw) || raw.length > MAX_CATEGORIES) return null;
  const out: PlatformCategory[] = [];
  for (const c of raw as Array<Record<string, unknown>>) {
    if (typeof c !== 'object' || c === null || !isText(c.id)) return null;
    const purposes = Array.isArray(c.purposes) ? c.purposes.filter((p): p is string => isText(p)).slice(0, 10) : [];
    out.push({ id: c.id, purposes, required: c.required === true });
  }
  return out;
}

export function parseDetected(raw: unknown): DetectedPlatform | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const r = raw as Record<string, unknown>;
  const categories = categoriesOf(r.categories);
  if (!isConsentPlatform(r.platform) || !categories || !isText(r.cookieName) || !isText(r.url, 8_192)) return null;
  return { platform: r.platform, categories, cookieName: r.cookieName, answered: r.answered === true, bannerVisible: r.bannerVisible === true, url: r.url };
}

function booleans(raw: unknown): Record<string, boolean> | null {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return null;
  const out: Record<string, boolean> = {};
  let n = 0;
  for (const [k, v] of Object.entries(raw as Record<string, unknown>)) {
    if (n++ >= MAX_CATEGORIES) break;
    if (isText(k) && typeof v === 'boolean') out[k] = v;
  }
  // An empty state is no record (it would read as "nothing granted").
  return Object.keys(out).length > 0 ? out : null;
}

export function parseReadout(raw: unknown): (RecordReadout & { bannerVisible: boolean; url: string }) | null {
  const detected = parseDetected(raw);
  if (!detected) return null;
  const r = raw as Record<string, unknown>;
  return {
    platform: detected.platform,
    categories: detected.categories,
    cookieName: detected.cookieName,
    cookie: typeof r.cookie === 'string' && r.cookie.length <= 16_384 ? r.cookie : null,
    api: booleans(r.api),
    tcf: booleans(r.tcf),
    bannerVisible: detected.bannerVisible,
    url: detected.url,
  };
}
