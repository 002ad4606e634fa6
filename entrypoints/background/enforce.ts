/**
 * Enforcement before the network (issue 11): keeps the cookie guards' data, the Chromium DNR cookie rules
 * and the Firefox registrations in step with the engine, and answers the guards. Wiring only: what each
 * site gets is decided in lib/enforce/ (guard.ts, plan.ts, dnr-cookie-rules.ts); the per-browser quirks
 * live in enforce-chromium.ts and enforce-firefox.ts.
 */
import { browser } from 'wxt/browser';
import type { Warden } from '@/lib/engine/warden';
import type { TabTracker } from '@/lib/engine/tabs';
import { compileGuardData, type GuardSiteData, type TrackingNames } from '@/lib/enforce/guard';
import { guardStartOf, planCookieRules } from '@/lib/enforce/plan';
import { domainInSite, siteOfUrl, type SiteKey } from '@/lib/site';
import trackingNames from '#tracking-names';
import { syncChromiumCookieRules, syncChromiumGuards } from './enforce-chromium';
import { installFirefoxHeaderFilter, syncFirefoxGuards } from './enforce-firefox';
import type { BrowserCookie } from './cookies';

const names = trackingNames as unknown as TrackingNames;
/** Sites remembered as "seen recently" (most recent last in the Map). */
const MAX_RECENT = 100;
const FIREFOX = import.meta.env.BROWSER === 'firefox';

export interface Enforcement {
  /** A top-level navigation to this site started: its rules and registration come first. */
  siteSeen(site: SiteKey | null): void;
  /** Tabs changed site or closed: the tabs spared by the rules change. */
  tabsChanged(): void;
  /** Settings (null: every site) or one site's policy changed: tell open pages, rebuild rules and registrations. */
  changed(site: SiteKey | null): Promise<void>;
  /** The compiled choice for a frame at this URL. */
  guardData(url: string): Promise<GuardSiteData | null>;
}

/**
 * A cookie refused before it reached the store (by a guard, or a Firefox header filter) as the browser would
 * have reported it: cookies.onChanged never sees it, so the engine hears of it here and lists it as removed.
 */
export function refusedCookie(name: string, host: string, storeId: string | undefined): BrowserCookie {
  return {
    name,
    value: '',
    domain: host,
    path: '/',
    secure: false,
    httpOnly: false,
    hostOnly: true,
    session: false,
    sameSite: 'unspecified',
    storeId: storeId ?? (FIREFOX ? 'firefox-default' : '0'),
  } as BrowserCookie;
}

function policyOf(w: Warden, site: SiteKey): GuardSiteData['policy'] {
  const s = w.policyOf(site).status;
  return s === 'found' ? 'found' : s === 'none' ? 'none' : 'pending';
}

export function dataFor(w: Warden, site: SiteKey): GuardSiteData {
  return compileGuardData({
    site,
    // Paused: the guard lets everything through (the person asked for nothing to be removed or blocked).
    choice: w.settings.paused ? 'allow-all' : w.choiceFor(site),
    policy: policyOf(w, site),
    declaration: w.declarationOf(site),
    exceptions: w.settings.paused ? undefined : w.settings.cookieExceptions[site],
  });
}

export function installEnforcement(ready: Promise<Warden>, tabs: TabTracker, refused: (cookie: BrowserCookie) => void): Enforcement {
  let warden: Warden | null = null;
  const recent = new Map<SiteKey, true>();

  // Firefox: blocking webRequest listeners are registered now (synchronously in main()).
  installFirefoxHeaderFilter(
    (name, domain, alsoAsk) => (warden ? warden.refuses(name, domain, alsoAsk) : false),
    (tabId) => tabs.siteOf(tabId),
    (name, domain, storeId) => refused(refusedCookie(name, domain, storeId)),
  );

  function knownSites(w: Warden): SiteKey[] {
    const out = new Set<SiteKey>();
    for (const s of Object.keys(w.settings.siteChoices)) out.add(s as SiteKey);
    for (const s of Object.keys(w.settings.cookieExceptions)) out.add(s as SiteKey);
    for (const s of recent.keys()) out.add(s);
    return [...out];
  }

  async function sync(): Promise<void> {
    const w = await ready;
    const known = knownSites(w);
    if (FIREFOX) {
      const defaultData = compileGuardData({ site: null, choice: w.settings.paused ? 'allow-all' : w.settings.defaultChoice, policy: 'pending', declaration: null, exceptions: undefined });
      await syncFirefoxGuards(defaultData, known.map((site) => ({ site, data: dataFor(w, site) })));
      return;
    }
    // The network first: rules apply to the next response, the guard registrations to the next page.
    const open = tabs.openSites();
    await syncChromiumCookieRules(
      planCookieRules({
        recent: [...recent.keys()].reverse(),
        known,
        defaultChoice: w.settings.paused ? 'allow-all' : w.settings.defaultChoice,
        names,
        removedNames(site) {
          const out: string[] = [];
          for (const { entry } of w.cookiesOf(site as SiteKey)) {
            if (entry.state === 'removed' && domainInSite(entry.domain, site as SiteKey)) out.push(entry.cookie.name);
          }
          return out;
        },
        vote: (site, name, domain) => w.voteOf(site as SiteKey, name, domain),
        tabs: open.map((site) => ({ site, tabIds: tabs.tabsOf(site) })),
      }),
    );
    const start = guardStartOf(compileGuardData({ site: null, choice: w.settings.paused ? 'allow-all' : w.settings.defaultChoice, policy: 'pending', declaration: null, exceptions: undefined }), names);
    const defaultKey = JSON.stringify(start);
    const sites = known
      .map((site) => ({ site, start: guardStartOf(dataFor(w, site), names) }))
      .filter((s) => JSON.stringify(s.start) !== defaultKey)
      .sort((a, b) => a.site.localeCompare(b.site));
    await syncChromiumGuards({ default: start, sites });
  }

  // Changes come in bursts: one sync at a time, and one more after it if anything changed meanwhile.
  let running: Promise<void> | null = null;
  let again = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  function schedule(delay: number): void {
    if (timer) return;
    timer = setTimeout(() => {
      timer = null;
      run();
    }, delay);
  }
  function run(): Promise<void> {
    if (running) {
      again = true;
      return running;
    }
    running = sync()
      .catch((err) => console.warn('cookie-warden: enforcement sync', err))
      .finally(() => {
        running = null;
        if (again) {
          again = false;
          run();
        }
      });
    return running;
  }

  void ready.then((w) => {
    warden = w;
    for (const site of tabs.openSites()) recent.set(site, true);
    return run();
  });

  async function pushToTabs(w: Warden, only: SiteKey | null): Promise<void> {
    const sites = only ? [only] : tabs.openSites();
    await Promise.all(
      sites.flatMap((site) => {
        const data = dataFor(w, site);
        return tabs.tabsOf(site).map((tabId) => browser.tabs.sendMessage(tabId, { type: 'guard-update', data }).catch(() => undefined));
      }),
    );
  }

  return {
    siteSeen(site) {
      if (!site) return;
      const isNew = !recent.has(site);
      recent.delete(site);
      recent.set(site, true);
      if (recent.size > MAX_RECENT) recent.delete(recent.keys().next().value!);
      // A new site needs its rules before its first response: at once.
      if (isNew) void run();
      else schedule(50);
    },
    tabsChanged() {
      schedule(50);
    },
    async changed(site) {
      const w = await ready;
      // Open pages and the rules together: a page's next write and the next response follow the new choice.
      void run();
      await pushToTabs(w, site);
      while (running) await running;
    },
    async guardData(url) {
      const w = await ready;
      const site = siteOfUrl(url);
      return site ? dataFor(w, site) : null;
    },
  };
}
