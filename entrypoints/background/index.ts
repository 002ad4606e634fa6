/**
 * The background worker: wiring only (STYLE.md §2). Every listener is registered synchronously in main();
 * decisions come from lib/, this file applies them.
 */
import { defineBackground } from 'wxt/utils/define-background';
import { browser, type Browser } from 'wxt/browser';
import { Warden, type ObservedCookie } from '@/lib/engine/warden';
import { TabTracker, hostOfUrl } from '@/lib/engine/tabs';
import { siteView } from '@/lib/engine/view';
import type { Settings } from '@/lib/messages';
import { discoveryInputOf } from '@/lib/policy/discover';
import { siteOfUrl, type SiteKey } from '@/lib/site';
import { validateSettings, withCookieException, withDefaultChoice, withSiteChoice, withUnknownCookies } from '@/lib/storage/settings';
import { installRouter } from './messages';
import { loadKnowledge } from './knowledge';
import { loadSettings, settingsItem } from './storage';
import { removeCookie, toObserved, type BrowserCookie } from './cookies';
import { PolicyService } from './policy';
import { installRedirectGuard } from './fetch-guard';
import { installSignalRules } from './headers';
import { updateBadges } from './badge';
import { installEnforcement, refusedCookie } from './enforce';

export default defineBackground(() => {
  const knowledge = loadKnowledge();
  const tabs = new TabTracker();
  let warden: Warden | null = null;

  const ready: Promise<Warden> = (async () => {
    const settings = await loadSettings();
    warden = new Warden(knowledge, settings, tabs);
    await installSignalRules(settings.sendSignals).catch((err) => console.warn('cookie-warden: signal rules', err));
    // Tabs already open when the worker (re)starts.
    // Only tabs not seen yet: a navigation that started while we were loading is fresher than this list
    // (which may still say about:blank for it).
    for (const tab of await browser.tabs.query({})) {
      if (tab.id !== undefined && tab.url && !tabs.has(tab.id)) tabs.navigate(tab.id, tab.url);
    }
    return warden;
  })();
  // Before the network (issue 11): cookie guards, DNR cookie rules (Chromium), header filters (Firefox).
  const enforcement = installEnforcement(ready, tabs, (cookie) => void ready.then((w) => onRefused(w, cookie)));

  async function applySettings(next: Settings): Promise<Settings> {
    const w = await ready;
    const valid = validateSettings(next);
    // One rule for a choice change as for every other path: removed only when every site refuses it.
    applyRemovals(w.setSettings(valid));
    // Open pages and the network rules follow at once, while the settings are being stored.
    const enforced = enforcement.changed(null);
    await settingsItem.setValue(valid);
    refreshAllBadges();
    await enforced;
    return valid;
  }

  async function refreshBadges(site: SiteKey): Promise<void> {
    const w = await ready;
    await updateBadges(w.tabs.tabsOf(site), w.breachCount(site));
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

  const policies = new PolicyService({
    knowledge,
    ready,
    async applied(site, toRemove) {
      applyRemovals(toRemove);
      refreshAllBadges();
      scheduleBadges(site);
      void enforcement.changed(site);
    },
  });
  installRedirectGuard();

  function applyRemovals(cookies: readonly ObservedCookie[]): void {
    for (const c of cookies) void removeCookie(c);
  }

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
  function onCookie(w: Warden, raw: BrowserCookie, removed: boolean): void {
    const cookie = toObserved(raw);
    if (removed) {
      for (const site of w.forget(cookie)) scheduleBadges(site);
      return;
    }
    const out = w.observe(cookie, Date.now());
    if (out.remove) void removeCookie(out.remove);
    for (const site of out.sites) scheduleBadges(site);
    // The cookie's own site is always asked: load its cached declaration if it has one.
    for (const site of out.newSites) void policies.ensure(site, null);
  }

  /**
   * A cookie refused before the store (a guard, a Firefox header filter): listed as onCookie would, but not
   * stored, so nothing to remove; and no empty policy load, which would be the job in flight that swallows
   * the page's own policy facts arriving a moment later (PolicyService.ensure returns the job in flight).
   */
  function onRefused(w: Warden, raw: BrowserCookie): void {
    const out = w.observe(toObserved(raw), Date.now());
    for (const site of out.sites) scheduleBadges(site);
  }

  browser.cookies.onChanged.addListener((change) => {
    const raw = change.cookie as BrowserCookie;
    if (warden) onCookie(warden, raw, change.removed);
    else void ready.then((w) => onCookie(w, raw, change.removed));
  });

  /**
   * Judge the cookies a site already has: those set before the extension started (or before the worker
   * woke up again) never passed through onChanged.
   */
  async function rescanSite(site: SiteKey): Promise<void> {
    const w = await ready;
    let existing: Browser.cookies.Cookie[];
    try {
      existing = await browser.cookies.getAll({ domain: site });
    } catch {
      return;
    }
    for (const c of existing) onCookie(w, c as BrowserCookie, false);
    await refreshBadges(site);
  }

  // ---- Messages ---------------------------------------------------------------------------------
  installRouter(
    {
      async 'get-site-view'(request) {
        const w = await ready;
        const site = tabs.siteOf(request.tabId);
        // A service worker that was stopped and woke for this popup knows nothing yet: load the cached
        // policy and read the site's cookies from the store before answering (bounded, never blocking long).
        if (site && !w.knows(site)) {
          await Promise.race([
            Promise.all([policies.ensure(site, null), rescanSite(site)]),
            new Promise((resolve) => setTimeout(resolve, 2_000)),
          ]);
        }
        return siteView(w, site, tabs.urlOf(request.tabId));
      },
      async 'get-settings'() {
        return (await ready).settings;
      },
      async 'set-default-choice'(request) {
        return applySettings(withDefaultChoice((await ready).settings, request.choice));
      },
      async 'set-site-choice'(request) {
        return applySettings(withSiteChoice((await ready).settings, request.site, request.choice));
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
      'guard-data'(request, sender) {
        // The browser's word for the frame's URL, not the message's.
        return enforcement.guardData(sender.url ?? request.url);
      },
      async 'refresh-policy'(request) {
        const w = await ready;
        const site = tabs.siteOf(request.tabId);
        // The popup polls the view: answer at once, the check goes on in the background.
        if (site) void policies.ensure(site, null, true);
        return siteView(w, site, tabs.urlOf(request.tabId));
      },
      'page-facts'(request, sender) {
        const tabId = sender.tab?.id;
        if (tabId === undefined || sender.frameId !== 0) return { ok: false };
        const site = siteOfUrl(request.facts.url);
        if (!site || site !== tabs.siteOf(tabId)) return { ok: false };
        void policies.ensure(site, discoveryInputOf(request.facts));
        void rescanSite(site);
        return { ok: true };
      },
    },
    ready,
  );
});
