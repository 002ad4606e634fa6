/**
 * Breach counts that survive a worker restart (issue 8 §3), kept in `storage.session` (cleared with the
 * browser session; `storage.local` where the session area is missing) and written on a debounce, never per
 * cookie event. The merge rule is pure, in lib/storage/badge-state.ts.
 */
import { browser } from 'wxt/browser';
import { emptySnapshot, mergeBreaches, readBadgeSnapshot, sameIds, withSite, type BadgeSnapshot, type BreachRow } from '@/lib/storage/badge-state';

const KEY = 'badge-state';
const FLUSH_MS = 1_000;

type Area = typeof browser.storage.local;

function area(): Area {
  // storage.session: Chromium 102+, Firefox 115+. Fallback: local (then cleared at browser start below).
  return (browser.storage as unknown as { session?: Area }).session ?? browser.storage.local;
}

export class BadgeMemory {
  private snapshot: BadgeSnapshot = emptySnapshot();
  private timer: ReturnType<typeof setTimeout> | null = null;

  /** Read what the previous worker left. Call once at start, before counting. */
  async restore(): Promise<void> {
    try {
      this.snapshot = readBadgeSnapshot((await area().get(KEY))[KEY]);
    } catch {
      this.snapshot = emptySnapshot();
    }
  }

  /** A new browser session: nothing from before applies (matters only where the fallback is local). */
  clear(): void {
    this.snapshot = emptySnapshot();
    this.schedule();
  }

  /** Sites the previous worker had breaches for, with their counts. */
  remembered(): Array<[site: string, count: number]> {
    return Object.entries(this.snapshot.sites).map(([site, ids]) => [site, ids.length]);
  }

  /** The site's breach count: what is judged now and what was remembered; remembers the result. */
  count(site: string, rows: readonly BreachRow[]): number {
    const before = this.snapshot.sites[site];
    const ids = mergeBreaches(before, rows);
    if (!sameIds(before, ids)) {
      this.snapshot = withSite(this.snapshot, site, ids);
      this.schedule();
    }
    return ids.length;
  }

  private schedule(): void {
    this.timer ??= setTimeout(() => {
      this.timer = null;
      area()
        .set({ [KEY]: this.snapshot })
        .catch((err: unknown) => console.warn('cookie-warden: badge state', err));
    }, FLUSH_MS);
  }
}
