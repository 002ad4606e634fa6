/**
 * The background worker: wiring only (STYLE.md §2). Every listener is registered synchronously in main();
 * decisions come from lib/, this file applies them.
 */
import { defineBackground } from 'wxt/utils/define-background';
import { browser, type Browser } from 'wxt/browser';
import { Warden, type ObservedCookie } from '@/lib/engine/warden';
import { TabTracker } from '@/lib/engine/tabs';
import { parseRequest, CONTENT_SCRIPT_TYPES, type Request, type ResponseOf, type Settings } from '@/lib/messages';
import { discoveryInputOf } from '@/lib/policy/discover';
import { siteOfUrl, type SiteKey } from '@/lib/site';
import { validateSettings } from '@/lib/storage/settings';
import { loadKnowledge } from './knowledge';
import { loadSettings, settingsItem } from './storage';
import { removeCookie, toObserved } from './cookies';
import { PolicyService } from './policy';
import { installRedirectGuard } from './fetch-guard';
import { SignalService } from './signals';
import { updateBadges } from './badge';

export default defineBackground(() => {
  const knowledge = loadKnowledge();
  const tabs = new TabTracker();
  let warden: Warden | null = null;

  const ready: Promise<Warden> = (async () => {
    const settings = await loadSettings();
    warden = new Warden(knowledge, settings);
    // Tabs already open when the worker (re)starts.
    // Only tabs not seen yet: a navigation that started while we were loading is fresher than this list
    // (which may still say about:blank for it).
    for (const tab of await browser.tabs.query({})) {
      if (tab.id !== undefined && tab.url && !tabs.has(tab.id)) tabs.navigate(tab.id, tab.url);
    }
    return warden;
  })();

  // DNT / GPC: Firefox's header listener is registered here, synchronously, before the first request.
  const signals = new SignalService({ ready, changed: (site) => rejudgeSite(site) });
  signals.install();
  // Messages are answered once the browser sends what the settings say (headers and page scripts switched).
  const signalsApplied = ready.then((w) => signals.apply(w.settings.sendSignals));

  async function applySettings(next: Settings): Promise<Settings> {
    const w = await ready;
    const valid = validateSettings(next);
    const signalsChanged = valid.sendSignals !== w.settings.sendSignals;
    w.settings = valid;
    await settingsItem.setValue(valid);
    if (signalsChanged) await signals.apply(valid.sendSignals);
    return valid;
  }

  async function rejudgeSite(site: SiteKey): Promise<void> {
    const w = await ready;
    await applyRemovals(w.rejudge(site, Date.now()));
    await refreshBadges(site);
  }

  async function refreshBadges(site: SiteKey): Promise<void> {
    const w = await ready;
    await updateBadges(tabs.tabsOf(site), w.breachCount(site));
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
      await applyRemovals(toRemove);
      await refreshBadges(site);
      await signals.settle(site);
    },
  });
  installRedirectGuard();

  async function applyRemovals(records: Array<{ cookie: Parameters<typeof removeCookie>[0] }>): Promise<void> {
    await Promise.all(records.map((r) => removeCookie(r.cookie)));
  }

  // ---- Tabs and requests: who talked to whom ------------------------------------------------------
  browser.webNavigation.onBeforeNavigate.addListener((details) => {
    if (details.frameId === 0) tabs.navigate(details.tabId, details.url);
    else {
      try {
        tabs.sawHost(details.tabId, new URL(details.url).hostname);
      } catch {
        /* ignore */
      }
    }
  });
  browser.webNavigation.onCommitted.addListener((details) => {
    if (details.frameId !== 0) return;
    const site = tabs.commit(details.tabId, details.url);
    if (site) void refreshBadges(site);
  });
  browser.webRequest.onBeforeRequest.addListener(
    (details) => {
      if (details.tabId < 0) return;
      try {
        tabs.sawHost(details.tabId, new URL(details.url).hostname);
      } catch {
        /* ignore */
      }
      return undefined;
    },
    { urls: ['<all_urls>'] },
  );
  browser.tabs.onRemoved.addListener((tabId) => tabs.close(tabId));

  // ---- Cookies: the hot path ------------------------------------------------------------------------
  browser.cookies.onChanged.addListener((change) => {
    void (async () => {
      const w = warden ?? (await ready);
      const cookie = toObserved(change.cookie as Parameters<typeof toObserved>[0]);
      const sites = tabs.sitesForCookie(cookie.domain, cookie.partitionKey?.topLevelSite);
      if (change.removed) {
        for (const site of sites) w.forget(site, cookie);
        return;
      }
      const now = Date.now();
      await judgeCookie(w, cookie, sites, now);
      await signals.noteSet(w, sites, cookie, now);
      for (const site of sites) scheduleBadges(site);
    })().catch((err) => console.warn('cookie-warden: cookie event', err));
  });

  /**
   * Judge a cookie for every site it belongs to and remove it only when every one of them refuses it: a
   * cookie shared with a site that keeps it stays. One rule for new cookies and for cookies read back.
   */
  async function judgeCookie(w: Warden, cookie: ObservedCookie, sites: SiteKey[], now: number): Promise<void> {
    let removeCount = 0;
    for (const site of sites) if (w.judge(site, cookie, now).verdict.action === 'remove') removeCount++;
    if (removeCount > 0 && removeCount === sites.length) await removeCookie(cookie);
  }

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
    const now = Date.now();
    await Promise.all(
      existing.map((c) => {
        const cookie = toObserved(c as Parameters<typeof toObserved>[0]);
        return judgeCookie(w, cookie, tabs.sitesForCookie(cookie.domain, cookie.partitionKey?.topLevelSite), now);
      }),
    );
    await refreshBadges(site);
  }

  // ---- Messages -----------------------------------------------------------------------------------
  browser.runtime.onMessage.addListener((raw: unknown, sender: Browser.runtime.MessageSender) => {
    const request = parseRequest(raw);
    if (!request) return undefined;
    const fromOwnPage = sender.url?.startsWith(browser.runtime.getURL('/')) ?? false;
    if (!fromOwnPage && !CONTENT_SCRIPT_TYPES.has(request.type)) return undefined;
    return handle(request, sender);
  });

  async function handle(request: Request, sender: Browser.runtime.MessageSender): Promise<ResponseOf[Request['type']]> {
    const w = await ready;
    await signalsApplied;
    switch (request.type) {
      case 'get-site-view': {
        const site = tabs.siteOf(request.tabId);
        // A service worker that was stopped and woke for this popup knows nothing yet: load the cached
        // policy and read the site's cookies from the store before answering (bounded, never blocking long).
        if (site && !w.knows(site)) {
          await Promise.race([
            Promise.all([policies.ensure(site, null), rescanSite(site), signals.ensure(site, tabs.urlOf(request.tabId))]),
            new Promise((resolve) => setTimeout(resolve, 2_000)),
          ]);
        }
        return w.view(site, tabs.urlOf(request.tabId));
      }
      case 'get-settings':
        return w.settings;
      case 'set-default-choice': {
        const next = await applySettings({ ...w.settings, defaultChoice: request.choice });
        return next;
      }
      case 'set-site-choice': {
        const siteChoices = { ...w.settings.siteChoices };
        if (request.choice === null) delete siteChoices[request.site];
        else siteChoices[request.site] = request.choice;
        const next = await applySettings({ ...w.settings, siteChoices });
        await rejudgeSite(request.site as SiteKey);
        return next;
      }
      case 'set-send-signals':
        return applySettings({ ...w.settings, sendSignals: request.on });
      case 'refresh-policy': {
        const site = tabs.siteOf(request.tabId);
        // The popup polls the view: answer at once, the check goes on in the background.
        if (site) void policies.ensure(site, null, true);
        return w.view(site, tabs.urlOf(request.tabId));
      }
      case 'page-facts': {
        const tabId = sender.tab?.id;
        if (tabId === undefined || sender.frameId !== 0) return { ok: false };
        const site = siteOfUrl(request.facts.url);
        if (!site || site !== tabs.siteOf(tabId)) return { ok: false };
        void policies.ensure(site, discoveryInputOf(request.facts));
        void signals.ensure(site, request.facts.url);
        void rescanSite(site);
        return { ok: true };
      }
    }
  }
});
