/**
 * Which tabs' sites a cookie was seen by. `cookies.onChanged` does not say which tab caused a change, so we
 * keep, per tab, its top-level site and the hosts its frames and requests talked to. A cookie of domain D is
 * attributed to every tab site whose traffic went to D or below it: for reporting (a third-party cookie shows
 * in the embedding site's popup), and as one more vote in lib/engine/ownership.ts (which never lets such a
 * vote remove a cookie its own site keeps).
 */
import { hostInDomain, siteOfUrl, type SiteKey } from '../site';

interface TabInfo {
  site: SiteKey | null;
  url: string;
  /** hosts seen in this tab since its last top-level navigation (bounded), lower case */
  hosts: Set<string>;
}

const MAX_HOSTS_PER_TAB = 500;

/** The host of an http(s) URL, lower case, without allocating a URL object (the request hot path). */
export function hostOfUrl(url: string): string | null {
  const scheme = url.indexOf('://');
  if (scheme < 0) return null;
  let start = scheme + 3;
  let end = url.length;
  for (let i = start; i < url.length; i++) {
    const c = url.charCodeAt(i);
    // '/', '?', '#' end the authority
    if (c === 47 || c === 63 || c === 35) {
      end = i;
      break;
    }
  }
  const at = url.lastIndexOf('@', end);
  if (at >= start) start = at + 1;
  let hostEnd = end;
  if (url.charCodeAt(start) === 91 /* [ */) {
    const close = url.indexOf(']', start);
    if (close < 0 || close > end) return null;
    hostEnd = close + 1;
  } else {
    const colon = url.indexOf(':', start);
    if (colon >= 0 && colon < end) hostEnd = colon;
  }
  if (hostEnd <= start) return null;
  return url.slice(start, hostEnd).toLowerCase();
}

export class TabTracker {
  private readonly tabs = new Map<number, TabInfo>();

  /** A top-level navigation started: the tab now shows this URL's site; forget the old page's hosts. */
  navigate(tabId: number, url: string): SiteKey | null {
    const site = siteOfUrl(url);
    const host = hostOfUrl(url);
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

  /** A request or frame in the tab talked to this host (lower case, as hostOfUrl gives it). */
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

  /** The sites shown in open tabs, each once. */
  openSites(): SiteKey[] {
    const out = new Set<SiteKey>();
    for (const tab of this.tabs.values()) if (tab.site) out.add(tab.site);
    return [...out];
  }

  /**
   * Append to `out` the tab sites whose traffic could have set a cookie of this domain (normalised: lower
   * case, no leading dot), skipping `except` and duplicates. Allocates nothing: suffix tests only (the way
   * uBlock Origin tests third-partiness).
   */
  sitesSeeing(domain: string, except: SiteKey | null, out: SiteKey[]): void {
    for (const tab of this.tabs.values()) {
      const site = tab.site;
      if (!site || site === except || out.includes(site)) continue;
      for (const host of tab.hosts) {
        if (hostInDomain(host, domain)) {
          out.push(site);
          break;
        }
      }
    }
  }
}
