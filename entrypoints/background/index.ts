/**
 * The background worker: wiring only (STYLE.md §2). Every listener is registered synchronously in main();
 * decisions come from lib/, this file applies them.
 */
import { defineBackground } from 'wxt/utils/define-background';
import { browser, type Browser } from 'wxt/browser';
import { Warden } from '@/lib/engine/warden';
import { cookieKey, type ObservedCookie, type Outcome } from '@/lib/engine/entry';
import { TabTracker, hostOfUrl } from '@/lib/engine/tabs';
import { siteView } from '@/lib/engine/view';
import { withStored } from '@/lib/engine/observations';
import { ObservationStore } from './observations';
import type { Settings, SettingsView, SiteView } from '@/lib/messages';
import { discoveryInputOf } from '@/lib/policy/discover/discover';
import { siteOfUrl, type SiteKey } from '@/lib/site';
import { DEFAULT_SETTINGS, validateSettings, withCookieException, withDefaultChoice, withPaused, withRetentionDays, withSiteChoice, withUnknownCookies } from '@/lib/storage/settings';
import { importSettings } from '@/lib/storage/transfer';
import { badgeFor } from '@/lib/view/badge';
import { installRouter } from './messages';
import { loadKnowledge } from './knowledge';
import { checkCacheBudget, loadSettings, saveSettings, storageError } from './storage';
import { removeCookie, toObserved, type BrowserCookie } from './cookies';
import { PolicyService } from './policy';
import { installRedirectGuard } from './fetch-guard';
import { SignalService } from './signals';
import { updateBadges } from './badge';
import { installEnforcement, refusedCookie } from './enforce';
import { BannerService } from './banners';
import { AutoconsentService } from './autoconsent';
import { answersBannersOn, withAnswerBanners, withSiteBanners } from '@/lib/storage/settings';

export default defineBackground(() => {
  const knowledge = loadKnowledge();
  const tabs = new TabTracker();
  let warden: Warden | null = null;

  const ready: Promise<Warden> = (async () => {
    const settings = await loadSettings();
    warden = new Warden(knowledge, settings, tabs);
    // Tabs already open when the worker (re)starts.
    // Only tabs not seen yet: a navigation that started while we were loading is fresher than this list
    // (which may still say about:blank for it).
    for (const tab of await browser.tabs.query({})) {
      if (tab.id !== undefined && tab.url && !tabs.has(tab.id)) tabs.navigate(tab.id, tab.url);
    }
    // The badges of open tabs come back from the stored observations (issue 10: they survive a restart).
    for (const site of tabs.openSites()) scheduleBadges(site);
    void checkCacheBudget();
    return warden;
  })();
  // Before the network (issue 11): cookie guards, DNR cookie rules (Chromium), header filters (Firefox).
  const enforcement = installEnforcement(ready, tabs, (cookie) => void ready.then((w) => onRefused(w, cookie)));

  // DNT / GPC: Firefox's header listener is registered here, synchronously, before the first request.
  const signals = new SignalService({
    ready,
    async changed(site, before) {
      const w = await ready;
      // The same choice as before (a site that says nothing gets essential only, as while it was unknown): the
      // verdicts stand, and a re-judgement would only lose what the cookie values told the classifier.
      if (w.choiceFor(site) !== before) applyRemovals(w.signalsChanged(site));
      scheduleBadges(site);
    },
  });
  signals.install();
  // Consent banners (issue 15): answered with the site's choice once its platform is recognised.
  const banners = new BannerService({ ready, changed: (site) => scheduleBadges(site) });
  banners.install();
  // The long tail, through @duckduckgo/autoconsent's rules (its content script asks; this answers).
  const autoconsent = new AutoconsentService({ ready, book: banners.book, changed: (site) => scheduleBadges(site) });
  // Messages are answered once the browser sends what the settings say (headers and page scripts switched).
  const signalsApplied = ready.then((w) => signals.apply(w.settings.sendSignals));

  const settingsView = (settings: Settings): SettingsView => ({ ...settings, storageError: storageError() });

  async function applySettings(next: Settings): Promise<SettingsView> {
    const w = await ready;
    const valid = validateSettings(next);
    const resumed = w.settings.paused && !valid.paused;
    const signalsChanged = valid.sendSignals !== w.settings.sendSignals;
    // One rule for a choice change as for every other path: removed only when every site refuses it.
    applyRemovals(w.setSettings(valid));
    // Open pages and the network rules follow at once, while the settings are being stored.
    const enforced = enforcement.changed(null);
    // Stored on its own; on a quota error caches are evicted and the write retried (storage.ts).
    await saveSettings(valid);
    if (signalsChanged) await signals.apply(valid.sendSignals);
    // Cookies set while paused were not judged: judge the open sites' cookies now.
    if (resumed) for (const site of tabs.openSites()) void rescanSite(site);
    refreshAllBadges();
    await enforced;
    return settingsView(valid);
  }

  /** The site's view: what the engine sees live, with what was stored before a restart. */
  async function viewOf(w: Warden, site: SiteKey | null, url: string | null): Promise<SiteView> {
    const view = siteView(w, site, url, banners.book);
    // Stored history older than the person's retention is not shown (and is dropped at the next write).
    const since = new Date(Date.now() - w.settings.retentionDays * 24 * 3_600_000).toISOString();
    const stored = site ? (await observations.load(site)).filter((r) => r.evidence.lastSeen >= since) : [];
    return {
      ...withStored(view, stored),
      storageError: storageError(),
      answerBanners: site ? answersBannersOn(w.settings, site) : w.settings.answerBanners,
      banner: banners.view(site),
    };
  }

  async function refreshBadges(site: SiteKey): Promise<void> {
    const w = await ready;
    observations.markDirty(site);
    const tabIds = w.tabs.tabsOf(site);
    if (tabIds.length === 0) return;
    const view = await viewOf(w, site, null);
    await updateBadges(tabIds, badgeFor(site, view.cookies.map((c) => c.breaches), w.settings.paused));
  }

  function refreshAllBadges(): void {
    for (const site of tabs.openSites()) scheduleBadges(site);
  }

  // Cookie events come in bursts (a page sets a dozen at once): one badge update per site per burst.
  const badgesDue = new Set<SiteKey>();
  let badgeTimer: ReturnType<typeof setTimeout> | null = null;
  function scheduleBadges(site: SiteKey): void {
    badgesDue.add(site);
    badgeTimer ??= setTimeout(() => {
      badgeTimer = null;
      const sites = [...badgesDue];
      badgesDue.clear();
      for (const s of sites) void refreshBadges(s);
    }, 50);
  }

  const observations = new ObservationStore((site) => (warden ? siteView(warden, site, null, banners.book).cookies : []));

  const policies = new PolicyService({
    knowledge,
    ready,
    async applied(site, toRemove) {
      applyRemovals(toRemove);
      refreshAllBadges();
      scheduleBadges(site);
      void enforcement.changed(site);
      await signals.settle(site);
    },
  });
  installRedirectGuard();

  function applyRemovals(cookies: readonly ObservedCookie[]): void {
    // Paused: cookies are watched and listed, nothing is removed.
    if (warden?.settings.paused) return;
    for (const c of cookies) void removeCookie(c);
  }

  // Observations (removed cookies remembered for the popup and the report) are kept retentionDays.
  const HOUR = 3_600_000;
  setInterval(() => {
    if (warden) warden.forgetRemoved(Date.now() - warden.settings.retentionDays * 24 * HOUR);
  }, HOUR);

  // First run: a page that says what the extension does and how to pin its button.
  browser.runtime.onInstalled.addListener((details) => {
    if (details.reason === 'install') void browser.tabs.create({ url: browser.runtime.getURL('/welcome.html') });
  });

  // ---- Tabs and requests: who talked to whom ------------------------------------------------------
  browser.webNavigation.onBeforeNavigate.addListener((details) => {
    if (details.frameId === 0) enforcement.siteSeen(tabs.navigate(details.tabId, details.url));
    else {
      const host = hostOfUrl(details.url);
      if (host) tabs.sawHost(details.tabId, host);
    }
  });
  browser.webNavigation.onCommitted.addListener((details) => {
    if (details.frameId !== 0) return;
    const site = tabs.commit(details.tabId, details.url);
    enforcement.tabsChanged();
    if (site) void refreshBadges(site);
  });
  browser.webRequest.onBeforeRequest.addListener(
    (details) => {
      if (details.tabId < 0) return;
      const host = hostOfUrl(details.url);
      if (host) tabs.sawHost(details.tabId, host);
      return undefined;
    },
    { urls: ['<all_urls>'] },
  );
  browser.tabs.onRemoved.addListener((tabId) => {
    tabs.close(tabId);
    enforcement.tabsChanged();
  });

  // ---- Cookies: the hot path, one call into the core per event ----------------------------------------
  /** `readBack`: read from the store (rescan), not set just now: no breach of a DNT / GPC claim. */
  function onCookie(w: Warden, raw: BrowserCookie, removed: boolean, readBack = false): void {
    // Paused: the person asked for nothing to be judged or removed (resuming rescans the open sites).
    if (w.settings.paused) return;
    const cookie = toObserved(raw);
    if (removed) {
      const key = cookieKey(cookie);
      for (const site of w.forget(key)) {
        observations.forgetRow(site, key);
        scheduleBadges(site);
      }
      return;
    }
    const now = Date.now();
    // The value goes in for the classifier's value-shape features only; the engine keeps none.
    const out = w.observe(cookie, now, raw.value);
    if (out.remove) void removeCookie(out.remove);
    if (!readBack) noteSet(w, out, cookie, now);
    for (const site of out.sites) scheduleBadges(site);
    // The cookie's own site is always asked: load its cached declaration if it has one (no fetch, and no
    // in-flight job that a page's own report would then wait on instead of discovering).
    for (const site of out.newSites) void policies.applyCached(site).catch(() => undefined);
  }

  // A restarted worker first applies the cached policies of the sites open in tabs (bounded to 1 s), then
  // judges cookies: a cookie the site declared essential is never removed for want of a loaded policy.
  let warmed: Warden | null = null;
  const warm: Promise<Warden> = ready.then(async (w) => {
    await Promise.race([
      Promise.all(tabs.openSites().map((site) => policies.applyCached(site).catch(() => undefined))),
      new Promise((resolve) => setTimeout(resolve, 1_000)),
    ]);
    warmed = w;
    return w;
  });

  /**
   * A cookie refused before the store (a guard, a Firefox header filter): listed as onCookie would, but not
   * stored, so nothing to remove; and no empty policy load, which would be the job in flight that swallows
   * the page's own policy facts arriving a moment later (PolicyService.ensure returns the job in flight).
   */
  /**
   * A cookie a site set (stored or refused): evidence against a claim to honor GPC, or against the refusal its
   * consent banner recorded (issue 15). One verdict lookup per site for both.
   */
  function noteSet(w: Warden, out: Outcome, cookie: ObservedCookie, now: number): void {
    for (const site of out.sites) {
      const purpose = w.verdictOf(site, out.key)?.purpose;
      if (!purpose) continue;
      signals.noteSet(w, site, cookie, purpose, now);
      banners.noteSet(site, cookie, purpose, now);
    }
  }

  function onRefused(w: Warden, raw: BrowserCookie): void {
    const cookie = toObserved(raw);
    const now = Date.now();
    const out = w.observeRefused(cookie, now);
    // The site tried to set it: evidence whether or not our guard kept it out of the store (the guard refusing
    // first made the GPC-claim breach vanish).
    noteSet(w, out, cookie, now);
    for (const site of out.sites) scheduleBadges(site);
  }

  browser.cookies.onChanged.addListener((change) => {
    const raw = change.cookie as BrowserCookie;
    if (warmed) onCookie(warmed, raw, change.removed);
    else void warm.then((w) => onCookie(w, raw, change.removed));
  });

  /**
   * Judge the cookies a site already has: those set before the extension started (or before the worker
   * woke up again) never passed through onChanged.
   */
  /** Sites whose cookies this worker has read back from the store. */
  const rescanned = new Set<SiteKey>();

  async function rescanSite(site: SiteKey): Promise<void> {
    rescanned.add(site);
    const w = await warm;
    await policies.applyCached(site).catch(() => undefined);
    let existing: Browser.cookies.Cookie[];
    try {
      existing = await browser.cookies.getAll({ domain: site });
    } catch {
      return;
    }
    for (const c of existing) onCookie(w, c as BrowserCookie, false, true);
    await refreshBadges(site);
  }

  // ---- Messages ---------------------------------------------------------------------------------
  installRouter(
    {
      async 'get-site-view'(request) {
        const w = await ready;
        const site = tabs.siteOf(request.tabId);
        // A service worker that was stopped and woke for this popup has not read this site's cookies yet
        // (it may know the site from its cached policy): load the cached policy and read the site's cookies
        // from the store before answering, once per worker life (bounded, never blocking long).
        if (site && !rescanned.has(site)) {
          await Promise.race([
            Promise.all([policies.applyCached(site), rescanSite(site), signals.ensure(site, tabs.urlOf(request.tabId))]),
            new Promise((resolve) => setTimeout(resolve, 2_000)),
          ]);
        }
        return viewOf(w, site, tabs.urlOf(request.tabId));
      },
      async 'get-settings'() {
        return settingsView((await ready).settings);
      },
      async 'set-default-choice'(request) {
        return applySettings(withDefaultChoice((await ready).settings, request.choice));
      },
      async 'set-site-choice'(request) {
        return applySettings(withSiteChoice((await ready).settings, request.site, request.choice));
      },
      async 'set-paused'(request) {
        return applySettings(withPaused((await ready).settings, request.paused));
      },
      async 'set-retention'(request) {
        return applySettings(withRetentionDays((await ready).settings, request.days));
      },
      async 'import-settings'(request) {
        const result = importSettings(request.data, (await ready).settings);
        if (result.ok) result.settings = await applySettings(result.settings);
        return result;
      },
      async 'reset-settings'() {
        return applySettings({ ...DEFAULT_SETTINGS, siteChoices: {} });
      },
      async 'clear-history'() {
        const w = await ready;
        const cleared = w.forgetRemoved(Number.POSITIVE_INFINITY);
        void observations.clear();
        refreshAllBadges();
        return { cleared };
      },
      async 'set-cookie-exception'(request) {
        return applySettings(withCookieException((await ready).settings, request.site, request.name, request.rule));
      },
      async 'set-unknown-cookies'(request) {
        return applySettings(withUnknownCookies((await ready).settings, request.value));
      },
      async 'guard-refused'(request, sender) {
        const w = await ready;
        const host = sender.url ? hostOfUrl(sender.url) : null;
        if (!host || !sender.tab) return { ok: false };
        // Never stored, so never seen by cookies.onChanged: listed as removed, as they would have been.
        const storeId = (sender.tab as { cookieStoreId?: string }).cookieStoreId;
        for (const name of request.names) onRefused(w, refusedCookie(name, host, storeId));
        return { ok: true };
      },
      autoconsent(request, sender) {
        return autoconsent.handle(request.message, sender);
      },
      'guard-data'(request, sender) {
        // The browser's word for the frame's URL, not the message's.
        return enforcement.guardData(sender.url ?? request.url);
      },
      async 'set-answer-banners'(request) {
        return applySettings(withAnswerBanners((await ready).settings, request.on));
      },
      async 'set-site-banners'(request) {
        return applySettings(withSiteBanners((await ready).settings, request.site, request.on));
      },
      async 'set-send-signals'(request) {
        return applySettings({ ...(await ready).settings, sendSignals: request.on });
      },
      async 'refresh-policy'(request) {
        const w = await ready;
        const site = tabs.siteOf(request.tabId);
        // The popup polls the view: answer at once, the check goes on in the background.
        if (site) void policies.ensure(site, null, true);
        return viewOf(w, site, tabs.urlOf(request.tabId));
      },
      'page-facts'(request, sender) {
        const tabId = sender.tab?.id;
        if (tabId === undefined || sender.frameId !== 0) return { ok: false };
        const site = siteOfUrl(request.facts.url);
        if (!site || site !== tabs.siteOf(tabId)) return { ok: false };
        void policies.ensure(site, discoveryInputOf(request.facts));
        void signals.ensure(site, request.facts.url);
        void rescanSite(site);
        return { ok: true };
      },
    },
    signalsApplied.then(() => ready),
  );
});
