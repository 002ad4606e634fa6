/**
 * Which site a cookie belongs to. `cookies.onChanged` does not say which tab caused a change, so we keep,
 * per tab, its top-level site and the hosts its frames and requests talked to, and attribute a cookie to
 * every tab site whose traffic could have set it. A partitioned cookie names its top-level site itself.
 */
import { domainInSite, siteOfHost, siteOfUrl, type SiteKey } from '../site';

interface TabInfo {
  site: SiteKey | null;
  url: string;
  /** hosts seen in this tab since its last top-level navigation (bounded) */
  hosts: Set<string>;
}

const MAX_HOSTS_PER_TAB = 500;

export class TabTracker {
  private readonly tabs = new Map<number, TabInfo>();

  /** A top-level navigation started: the tab now shows this URL's site; forget the old page's hosts. */
  navigate(tabId: number, url: string): SiteKey | null {
    const site = siteOfUrl(url);
    let host = '';
    try {
      host = new URL(url).hostname;
    } catch {
      /* not a URL: keep host empty */
    }
    this.tabs.set(tabId, { site, url, hosts: new Set(host ? [host] : []) });
    return site;
  }

  /**
   * The top-level document committed: after redirects this is the page's real site. Keeps the hosts seen
   * since the navigation started when the site did not change.
   */
  commit(tabId: number, url: string): SiteKey | null {
    const tab = this.tabs.get(tabId);
    const site = siteOfUrl(url);
    if (tab && tab.site === site) {
      tab.url = url;
      return site;
    }
    return this.navigate(tabId, url);
  }

  /** Seen already (a worker that restarts learns open tabs without overwriting fresher navigations). */
  has(tabId: number): boolean {
    return this.tabs.has(tabId);
  }

  /** A request or frame in the tab talked to this host. */
  sawHost(tabId: number, host: string): void {
    const tab = this.tabs.get(tabId);
    if (!tab || tab.hosts.size >= MAX_HOSTS_PER_TAB) return;
    tab.hosts.add(host);
  }

  close(tabId: number): void {
    this.tabs.delete(tabId);
  }

  siteOf(tabId: number): SiteKey | null {
    return this.tabs.get(tabId)?.site ?? null;
  }

  urlOf(tabId: number): string | null {
    return this.tabs.get(tabId)?.url ?? null;
  }

  tabsOf(site: SiteKey): number[] {
    const out: number[] = [];
    for (const [id, tab] of this.tabs) if (tab.site === site) out.push(id);
    return out;
  }

  /** The sites a cookie with this domain (and partition) belongs to. */
  sitesForCookie(cookieDomain: string, partitionTopLevelSite?: string | null): SiteKey[] {
    if (partitionTopLevelSite) {
      const site = siteOfUrl(partitionTopLevelSite) ?? siteOfHost(partitionTopLevelSite);
      return site ? [site] : [];
    }
    const domain = cookieDomain.replace(/^\./, '').toLowerCase();
    const out = new Set<SiteKey>();
    for (const tab of this.tabs.values()) {
      if (!tab.site) continue;
      if (domainInSite(domain, tab.site)) {
        out.add(tab.site);
        continue;
      }
      for (const host of tab.hosts) {
        if (host === domain || host.endsWith(`.${domain}`)) {
          out.add(tab.site);
          break;
        }
      }
    }
    if (out.size === 0) {
      // No open tab explains it: the cookie's own site (e.g. a tab that has just closed).
      const own = siteOfHost(domain);
      if (own) out.add(own);
    }
    return [...out];
  }
}
