/**
 * The policy cache's byte budget (issue 8 §3): every visited site kept its cached policy forever, until the
 * browser's quota was full and a settings write failed. An index item records each cached entry's size
 * (estimated as its JSON length) and when it was last used; entries are evicted least-recently-used to keep
 * the total within the budget, and more on a quota error. Pure: the adapter (entrypoints/background/storage.ts)
 * reads and writes the index and removes what this plans.
 */

/** All cached policies together. Chromium's `storage.local` quota is 10 MB; settings must always fit beside. */
export const CACHE_BUDGET_BYTES = 4 * 1024 * 1024;
/** How many sites the index may list (an entry is at least a few hundred bytes: the budget binds first). */
const MAX_SITES = 5_000;

export interface CacheIndexEntry {
  bytes: number;
  /** Epoch ms of the last read or write. */
  usedAt: number;
}

export interface CacheIndex {
  version: 1;
  sites: Record<string, CacheIndexEntry>;
}

export const emptyIndex = (): CacheIndex => ({ version: 1, sites: {} });

/** The stored index checked and repaired: bad rows are dropped (their entries are found again by a scan). */
export function readCacheIndex(raw: unknown): CacheIndex | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const r = raw as Record<string, unknown>;
  if (r.version !== 1 || typeof r.sites !== 'object' || r.sites === null || Array.isArray(r.sites)) return null;
  const out = emptyIndex();
  let n = 0;
  for (const [site, row] of Object.entries(r.sites as Record<string, unknown>)) {
    if (n >= MAX_SITES) break;
    if (site.length === 0 || site.length > 253 || typeof row !== 'object' || row === null) continue;
    const { bytes, usedAt } = row as Record<string, unknown>;
    if (typeof bytes !== 'number' || !Number.isFinite(bytes) || bytes < 0) continue;
    if (typeof usedAt !== 'number' || !Number.isFinite(usedAt)) continue;
    out.sites[site] = { bytes, usedAt };
    n++;
  }
  return out;
}

export function totalBytes(index: CacheIndex): number {
  let n = 0;
  for (const row of Object.values(index.sites)) n += row.bytes;
  return n;
}

/** The index after `site` was read (bytes unknown: kept) or written (bytes given). */
export function touch(index: CacheIndex, site: string, now: number, bytes?: number): CacheIndex {
  const prev = index.sites[site];
  return { version: 1, sites: { ...index.sites, [site]: { bytes: bytes ?? prev?.bytes ?? 0, usedAt: now } } };
}

export function without(index: CacheIndex, sites: Iterable<string>): CacheIndex {
  const out: CacheIndex = { version: 1, sites: { ...index.sites } };
  for (const s of sites) delete out.sites[s];
  return out;
}

/** Sites least recently used first (ties: the larger first, then by name for a stable order). */
export function lruOrder(index: CacheIndex): string[] {
  return Object.entries(index.sites)
    .sort(([a, x], [b, y]) => x.usedAt - y.usedAt || y.bytes - x.bytes || (a < b ? -1 : a > b ? 1 : 0))
    .map(([site]) => site);
}

/**
 * Which sites to evict so that writing `bytes` for `site` keeps the total within `budget`: least recently
 * used first, never `site` itself (its old size is replaced by the new one).
 */
export function evictionPlan(index: CacheIndex, budget: number, site: string | null, bytes: number): string[] {
  let total = totalBytes(index) - (site !== null ? (index.sites[site]?.bytes ?? 0) : 0) + bytes;
  const out: string[] = [];
  const count = Object.keys(index.sites).length + (site !== null && !index.sites[site] ? 1 : 0);
  for (const s of lruOrder(index)) {
    if (total <= budget && count - out.length <= MAX_SITES) break;
    if (s === site) continue;
    out.push(s);
    total -= index.sites[s]!.bytes;
  }
  return out;
}

/**
 * On a quota error: what to evict before trying again. Frees at least `need` bytes, at least half of the
 * cache (the browser's quota is shared with what we cannot see), and whatever is over the budget, least
 * recently used first.
 */
export function quotaEvictionPlan(index: CacheIndex, need: number, keep: string | null = null, budget = CACHE_BUDGET_BYTES): string[] {
  const total = totalBytes(index);
  const target = Math.max(need, Math.ceil(total / 2), total - budget);
  const out: string[] = [];
  let freed = 0;
  for (const s of lruOrder(index)) {
    if (freed >= target && out.length > 0) break;
    if (s === keep) continue;
    out.push(s);
    freed += index.sites[s]!.bytes;
  }
  return out;
}
