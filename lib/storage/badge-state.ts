/**
 * The breach count each site's badge shows, kept across worker restarts (issue 8 §3: when Chromium stopped
 * the idle worker, the next one knew only the cookies still in the store, and the badge dropped to 0 for
 * cookies already removed or set by third parties until the page was reloaded).
 *
 * The background remembers, per site, which cookies were found in breach (by name, domain and whether
 * partitioned: never values) and keeps that list in `storage.session`. A worker that wakes counts the union
 * of what it sees now and what was remembered, minus what it now judges clean. Pure: the adapter
 * (entrypoints/background/badge-state.ts) reads, debounces and writes.
 */

export const BADGE_STATE_VERSION = 1;
const MAX_SITES = 300;
const MAX_IDS_PER_SITE = 500;
const MAX_ID_LENGTH = 600;

export interface BadgeSnapshot {
  version: typeof BADGE_STATE_VERSION;
  /** site → ids of its cookies found in breach. Insertion order is recency (oldest first). */
  sites: Record<string, string[]>;
}

/** What the badge needs of a popup row (lib/messages.ts CookieRow). */
export interface BreachRow {
  name: string;
  domain: string;
  partitioned: boolean;
  breaches: readonly unknown[];
}

export const emptySnapshot = (): BadgeSnapshot => ({ version: BADGE_STATE_VERSION, sites: {} });

export function cookieId(row: Pick<BreachRow, 'name' | 'domain' | 'partitioned'>): string {
  return `${row.name}|${row.domain.replace(/^\./, '')}|${row.partitioned ? 'p' : ''}`;
}

/**
 * The site's cookies in breach: those judged so now, and those remembered from before the worker restarted
 * that it has not since judged clean. Sorted, unique, bounded.
 */
export function mergeBreaches(remembered: readonly string[] | undefined, rows: readonly BreachRow[]): string[] {
  const out = new Set<string>();
  const clean = new Set<string>();
  for (const r of rows) (r.breaches.length > 0 ? out : clean).add(cookieId(r));
  for (const id of remembered ?? []) if (!clean.has(id)) out.add(id);
  return [...out].sort().slice(0, MAX_IDS_PER_SITE);
}

/** The snapshot with a site's ids replaced (the site becomes the most recent; the oldest site goes first). */
export function withSite(snapshot: BadgeSnapshot, site: string, ids: readonly string[]): BadgeSnapshot {
  const sites: Record<string, string[]> = {};
  const names = Object.keys(snapshot.sites).filter((s) => s !== site);
  const keep = ids.length > 0 ? MAX_SITES - 1 : MAX_SITES;
  for (const s of names.slice(Math.max(0, names.length - keep))) sites[s] = snapshot.sites[s]!;
  if (ids.length > 0) sites[site] = [...ids];
  return { version: BADGE_STATE_VERSION, sites };
}

export function sameIds(a: readonly string[] | undefined, b: readonly string[]): boolean {
  if ((a?.length ?? 0) !== b.length) return false;
  return b.every((id, i) => a![i] === id);
}

/** A stored snapshot checked and bounded; anything unusable reads as empty. Never throws. */
export function readBadgeSnapshot(raw: unknown): BadgeSnapshot {
  const out = emptySnapshot();
  if (typeof raw !== 'object' || raw === null) return out;
  const r = raw as Record<string, unknown>;
  if (r.version !== BADGE_STATE_VERSION || typeof r.sites !== 'object' || r.sites === null || Array.isArray(r.sites)) return out;
  const entries = Object.entries(r.sites as Record<string, unknown>).slice(-MAX_SITES);
  for (const [site, ids] of entries) {
    if (site.length === 0 || site.length > 253 || site === '__proto__' || !Array.isArray(ids)) continue;
    const valid = ids.filter((id): id is string => typeof id === 'string' && id.length > 0 && id.length <= MAX_ID_LENGTH);
    if (valid.length > 0) out.sites[site] = [...new Set(valid)].sort().slice(0, MAX_IDS_PER_SITE);
  }
  return out;
}
