/**
 * Observations kept per site across worker and browser restarts: the rows the popup showed (attributes,
 * verdicts, breaches and their evidence; never a value), bounded per site, merged with what the engine
 * sees live. Pure: the adapter reads and writes them (on a debounce, never per event).
 */
import type { CookieRow, SiteView } from '../messages';

export const OBSERVATIONS_FORMAT = 1;
const MAX_ROWS_PER_SITE = 300;
const MAX_SITES_KEPT = 100;

export interface StoredObservations {
  format: typeof OBSERVATIONS_FORMAT;
  site: string;
  /** ms since the epoch: the site whose observations are oldest is evicted first. */
  writtenAt: number;
  rows: CookieRow[];
}

/** Live rows win; stored rows the engine no longer holds (a removed cookie, a restarted worker) stay. */
export function mergeRows(live: readonly CookieRow[], stored: readonly CookieRow[]): CookieRow[] {
  const keys = new Set(live.map((r) => r.key));
  const out = [...live];
  for (const r of stored) if (!keys.has(r.key)) out.push(r);
  return out.sort((a, b) => a.name.localeCompare(b.name) || a.domain.localeCompare(b.domain));
}

/** The view with the stored rows merged in, and its breach count recomputed from the rows. */
export function withStored(view: SiteView, stored: readonly CookieRow[]): SiteView {
  if (stored.length === 0) return view;
  const cookies = mergeRows(view.cookies, stored);
  return { ...view, cookies, breaches: cookies.filter((c) => c.breaches.length > 0).length };
}

/** The rows to keep for a site: breaches first, then the most recently seen, within the bound. */
export function boundRows(rows: readonly CookieRow[], max = MAX_ROWS_PER_SITE): CookieRow[] {
  if (rows.length <= max) return [...rows];
  return [...rows]
    .sort((a, b) => Number(b.breaches.length > 0) - Number(a.breaches.length > 0) || b.evidence.lastSeen.localeCompare(a.evidence.lastSeen))
    .slice(0, max);
}

/** Sites to evict (oldest written first) so that at most `max` remain. */
export function sitesToEvict(index: Record<string, number>, max = MAX_SITES_KEPT): string[] {
  const sites = Object.entries(index).sort((a, b) => a[1] - b[1]);
  return sites.slice(0, Math.max(0, sites.length - max)).map(([s]) => s);
}

/** Read a stored record back; anything malformed is discarded (null), never trusted. */
export function readObservations(raw: unknown): StoredObservations | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const r = raw as Partial<StoredObservations>;
  if (r.format !== OBSERVATIONS_FORMAT || typeof r.site !== 'string' || typeof r.writtenAt !== 'number' || !Array.isArray(r.rows)) return null;
  const rows = r.rows.filter(
    (x): x is CookieRow =>
      typeof x === 'object' &&
      x !== null &&
      typeof x.key === 'string' &&
      typeof x.name === 'string' &&
      typeof x.domain === 'string' &&
      Array.isArray(x.breaches) &&
      typeof x.evidence === 'object' &&
      x.evidence !== null &&
      typeof x.evidence.lastSeen === 'string',
  );
  return { format: OBSERVATIONS_FORMAT, site: r.site, writtenAt: r.writtenAt, rows: rows.slice(0, MAX_ROWS_PER_SITE) };
}
