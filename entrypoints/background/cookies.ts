/** Adapter between browser cookie objects and the pure ObservedCookie, and removal with its quirks. */
import { browser, type Browser } from 'wxt/browser';
import type { ObservedCookie } from '@/lib/engine/entry';

export type BrowserCookie = Browser.cookies.Cookie & {
  partitionKey?: { topLevelSite?: string; hasCrossSiteAncestor?: boolean };
  firstPartyDomain?: string;
};

export function toObserved(c: BrowserCookie): ObservedCookie {
  return {
    name: c.name,
    domain: c.domain,
    path: c.path,
    secure: c.secure,
    httpOnly: c.httpOnly,
    hostOnly: c.hostOnly,
    session: c.session,
    expirationDate: c.expirationDate,
    sameSite: c.sameSite,
    storeId: c.storeId,
    partitionKey: c.partitionKey ?? null,
    firstPartyDomain: c.firstPartyDomain,
  };
}

/**
 * Remove one cookie. A partitioned cookie must be named with its partitionKey, and in Firefox with
 * first-party isolation, with its firstPartyDomain, or `cookies.remove` silently misses it.
 */
export async function removeCookie(c: ObservedCookie): Promise<boolean> {
  const host = c.domain.replace(/^\./, '');
  const details: Record<string, unknown> = {
    url: `${c.secure ? 'https' : 'http'}://${host}${c.path || '/'}`,
    name: c.name,
    storeId: c.storeId,
  };
  if (c.partitionKey?.topLevelSite) details.partitionKey = c.partitionKey;
  if (c.firstPartyDomain) details.firstPartyDomain = c.firstPartyDomain;
  try {
    const removed = await browser.cookies.remove(details as unknown as Browser.cookies.CookieDetails);
    return removed !== null;
  } catch (err) {
    console.warn('cookie-warden: remove failed', c.name, c.domain, err);
    return false;
  }
}
