/**
 * Issue 15: answering a site's consent banner with the choice the site gets, through its platform's own
 * documented API, and verifying what the platform recorded. Wiring only: lib/consent/ decides what to
 * answer and reads the record; utils/banner-page.ts is the one function run in the page.
 *
 * In the page's main world by `scripting.executeScript({ world: 'MAIN' })`: Chromium MV3, and Firefox, which
 * supports `world: 'MAIN'` since 128 and offers `scripting` to MV2 extensions too (one path for both).
 * The page is touched only when a platform is recognised by its API; the banner is hidden only once the
 * platform's record says what the person chose.
 */
import type { Purpose } from '@/lib/types';
import { browser } from 'wxt/browser';
import { bannerPage, type BannerPageRequest } from '@/utils/banner-page';
import { answerFor } from '@/lib/consent/answer';
import { BannerBook } from '@/lib/consent/book';
import { parseDetected, parseReadout } from '@/lib/consent/page-data';
import { verifyRecord } from '@/lib/consent/records';
import type { Warden } from '@/lib/engine/warden';
import type { ObservedCookie } from '@/lib/engine/entry';
import type { BannerView } from '@/lib/messages';
import { siteOfUrl, type SiteKey } from '@/lib/site';
import { answersBannersOn } from '@/lib/storage/settings';

/**
 * How long a page may take to bring up its platform (tarteaucitron starts on `load`), asked every 500 ms; a
 * page that has loaded is asked for 2 s more (platforms that start a moment after `load`), then left alone.
 * Every page is asked (a few short injections), so the pace is kept low: the enforcement journey with its
 * hundred page loads ran near its time limit with 250 ms in Firefox under load.
 */
const DETECT_MS = 10_000;
const DETECT_EVERY_MS = 500;
const AFTER_LOAD_MS = 2_000;
/** The longest a page script may take (answering waits up to about 2.5 s for a record and TCF). */
const EXEC_TIMEOUT_MS = 5_000;

export interface BannerServiceOptions {
  ready: Promise<Warden>;
  /** A site's banner state changed: refresh its badge. */
  changed(site: SiteKey): void;
}

export class BannerService {
  readonly book = new BannerBook();
  private readonly hidden = new Map<SiteKey, boolean>();
  /**
   * Tab → the current document's number: a run for an older document stops asking (a tab that navigates
   * quickly, like a login journey, would otherwise pile up runs that each ask the page for 10 s).
   */
  private readonly generation = new Map<number, number>();

  constructor(private readonly opts: BannerServiceOptions) {}

  /** Synchronously in main(). */
  install(): void {
    browser.webNavigation.onBeforeNavigate.addListener((details) => {
      if (details.frameId === 0) this.generation.set(details.tabId, (this.generation.get(details.tabId) ?? 0) + 1);
    });
    browser.webNavigation.onDOMContentLoaded.addListener((details) => {
      if (details.frameId === 0) void this.run(details.tabId, details.url);
    });
    browser.tabs.onRemoved.addListener((tabId) => {
      this.generation.delete(tabId);
    });
  }

  view(site: SiteKey | null): BannerView | null {
    const entry = site ? this.book.entryOf(site) : null;
    return entry && site ? { ...entry, hidden: this.hidden.get(site) ?? false } : null;
  }

  /** A cookie was set (or refused before the store) for these sites: evidence when their record refused it. */
  noteSet(site: SiteKey, cookie: ObservedCookie, purpose: Purpose, now: number): void {
    if (this.book.noteSet(site, { name: cookie.name, domain: cookie.domain, purpose }, now)) this.opts.changed(site);
  }

  async run(tabId: number, url: string): Promise<void> {
    const site = siteOfUrl(url);
    if (!site) return;
    const w = await this.opts.ready;
    if (w.settings.paused || !answersBannersOn(w.settings, site)) return;
    // One run per document (DOMContentLoaded fires once per document; a newer document stops this run).
    const gen = this.generation.get(tabId) ?? 0;
    const detected = await this.detect(tabId, site, () => (this.generation.get(tabId) ?? 0) === gen);
    // Not recognised with certainty: the page is left alone.
    if (!detected) return;
    // The person may have switched it off, or chosen otherwise, while the page loaded.
    if (w.settings.paused || !answersBannersOn(w.settings, site)) return;
    const choice = w.choiceFor(site);
    if (detected.answered) {
      // Answered before (by us on an earlier visit, or in the banner): kept when the record says what the
      // person chose; answered again when it does not.
      const readout = this.sameSite(parseReadout(await this.exec(tabId, { mode: 'read', platform: detected.platform })), site);
      if (readout && verifyRecord(readout, choice).status === 'recorded') {
        await this.settle(tabId, site, verifyRecord(readout, choice), readout.bannerVisible);
        return;
      }
    }
    const answer = answerFor(detected.platform, detected.categories, choice);
    const readout = this.sameSite(
      parseReadout(await this.exec(tabId, { mode: 'answer', platform: detected.platform, accept: answer.accept, refuse: answer.refuse, allowAll: choice === 'allow-all', site })),
      site,
    );
    if (!readout) return;
    await this.settle(tabId, site, verifyRecord(readout, choice), readout.bannerVisible);
  }

  /** Ask the page (briefly, each time) until its platform is up, the page is gone, or time is up. */
  private async detect(tabId: number, site: SiteKey, current: () => boolean): Promise<ReturnType<typeof parseDetected>> {
    let deadline = Date.now() + DETECT_MS;
    let loaded = false;
    for (;;) {
      // The tab has moved on to another document: its own run asks it.
      if (!current()) return null;
      const raw = await this.exec(tabId, { mode: 'detect' });
      const detected = this.sameSite(parseDetected(raw), site);
      if (detected || Date.now() >= deadline) return detected;
      if (!loaded && typeof raw === 'object' && raw !== null && (raw as { loaded?: unknown }).loaded === true) {
        loaded = true;
        deadline = Math.min(deadline, Date.now() + AFTER_LOAD_MS);
      }
      await new Promise((resolve) => setTimeout(resolve, DETECT_EVERY_MS));
    }
  }

  /** Only an answer from a page of the site we meant (the tab may have moved on to another site). */
  private sameSite<T extends { url: string }>(found: T | null, site: SiteKey): T | null {
    return found && siteOfUrl(found.url) === site ? found : null;
  }

  private async settle(tabId: number, site: SiteKey, verdict: ReturnType<typeof verifyRecord>, bannerVisible: boolean): Promise<void> {
    this.book.answered(site, verdict, Date.now());
    let hidden = !bannerVisible;
    // Hidden only once the platform's own record says what the person chose.
    if (verdict.status === 'recorded' && bannerVisible) {
      const result = await this.exec(tabId, { mode: 'hide', platform: verdict.platform });
      hidden = typeof result === 'object' && result !== null && (result as { hidden?: unknown }).hidden === true;
    }
    this.hidden.set(site, verdict.status === 'recorded' && hidden);
    this.opts.changed(site);
  }

  private async exec(tabId: number, request: BannerPageRequest): Promise<unknown> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      const run = browser.scripting.executeScript({
        target: { tabId, frameIds: [0] },
        world: 'MAIN',
        func: bannerPage,
        args: [request],
      });
      // The page runs the script: one that never settles (a page replacing Promise or setTimeout) must not
      // hold this run for the document's life. Our own timer bounds it.
      const timeout = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), EXEC_TIMEOUT_MS)));
      const results = await Promise.race([run, timeout]);
      return results?.[0]?.result ?? null;
    } catch {
      // The tab navigated away or closed, or the page refused us (a browser page): nothing to answer.
      return null;
    } finally {
      clearTimeout(timer);
    }
  }
}
