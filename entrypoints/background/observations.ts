/**
 * What the popup showed for each site, kept in storage.local so that the popup, the badge and an export
 * still show a site's cookies and breaches after the worker or the browser restarts (issue 10). Written on
 * a debounce, never per event; bounded per site and in sites (oldest written evicted first).
 */
import { storage } from 'wxt/utils/storage';
import type { CookieRow } from '@/lib/messages';
import {
  boundRows,
  mergeRows,
  OBSERVATIONS_FORMAT,
  readObservations,
  sitesToEvict,
  type StoredObservations,
} from '@/lib/engine/observations';
import type { SiteKey } from '@/lib/site';

const itemKey = (site: string) => `local:observations:${site}` as const;
const indexItem = storage.defineItem<Record<string, number>>('local:observations-index', { fallback: {} });
const FLUSH_DELAY_MS = 1_500;

export class ObservationStore {
  private readonly stored = new Map<SiteKey, CookieRow[]>();
  private readonly loading = new Map<SiteKey, Promise<CookieRow[]>>();
  private readonly dirty = new Set<SiteKey>();
  private timer: ReturnType<typeof setTimeout> | null = null;

  /** `live(site)` gives the rows the engine holds for a site now. */
  constructor(private readonly live: (site: SiteKey) => CookieRow[]) {}

  /** Stored rows, loaded once per worker life. */
  load(site: SiteKey): Promise<CookieRow[]> {
    const have = this.stored.get(site);
    if (have) return Promise.resolve(have);
    let job = this.loading.get(site);
    if (!job) {
      job = storage
        .getItem<StoredObservations>(itemKey(site))
        .then((raw) => readObservations(raw)?.rows ?? [])
        .catch(() => [] as CookieRow[])
        .then((rows) => {
          // A flush may have stored newer rows meanwhile: keep those.
          if (!this.stored.has(site)) this.stored.set(site, rows);
          this.loading.delete(site);
          return this.stored.get(site)!;
        });
      this.loading.set(site, job);
    }
    return job;
  }

  /** What is known without waiting (empty until loaded). */
  rows(site: SiteKey): CookieRow[] {
    return this.stored.get(site) ?? [];
  }

  /** The cookie is gone from the browser and it was kept (the site deleted it, or it expired): drop its row. */
  forgetRow(site: SiteKey, key: string): void {
    const rows = this.stored.get(site);
    if (!rows) return;
    const next = rows.filter((r) => r.key !== key);
    if (next.length !== rows.length) {
      this.stored.set(site, next);
      this.markDirty(site);
    }
  }

  markDirty(site: SiteKey): void {
    this.dirty.add(site);
    this.timer ??= setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, FLUSH_DELAY_MS);
  }

  async flush(): Promise<void> {
    const sites = [...this.dirty];
    this.dirty.clear();
    if (sites.length === 0) return;
    const now = Date.now();
    const writes: Record<string, StoredObservations> = {};
    for (const site of sites) {
      const rows = boundRows(mergeRows(this.live(site), await this.load(site)));
      this.stored.set(site, rows);
      writes[itemKey(site)] = { format: OBSERVATIONS_FORMAT, site, writtenAt: now, rows };
    }
    try {
      const index = { ...(await indexItem.getValue()) };
      for (const site of sites) index[site] = now;
      const evict = sitesToEvict(index);
      for (const site of evict) delete index[site];
      await storage.setItems(Object.entries(writes).map(([key, value]) => ({ key: key as `local:${string}`, value })));
      await indexItem.setValue(index);
      if (evict.length > 0) await storage.removeItems(evict.map((s) => itemKey(s)));
    } catch (err) {
      // Quota: observations are history, the settings live in their own item and are never at risk here.
      console.warn('cookie-warden: could not store observations', err);
    }
  }

  /** Forget every site's history ("clear history"). */
  async clear(): Promise<void> {
    const index = await indexItem.getValue();
    this.stored.clear();
    await storage.removeItems(Object.keys(index).map((s) => itemKey(s)));
    await indexItem.setValue({});
  }
}
