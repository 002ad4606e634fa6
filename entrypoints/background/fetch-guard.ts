/**
 * The browser side of policy fetching: the platform follows redirects itself (an extension's
 * `redirect: 'manual'` fetch hides the Location), so we count the hops we see in
 * `webRequest.onBeforeRedirect` and abort a fetch past the limit (lib/policy/discover/fetch.ts, RedirectCounter).
 * The abort is asynchronous: a hop or two more may go out before it lands.
 */
import { browser } from 'wxt/browser';
import { DEFAULT_FETCH_LIMITS, RedirectCounter, TooManyRedirects, type Fetcher } from '@/lib/policy/discover/fetch';
import { installFirefoxRedirectCancel } from './redirect-guard-firefox';

const counter = new RedirectCounter(DEFAULT_FETCH_LIMITS.maxRedirects);

/** Register once, synchronously in the background's main(). */
export function installRedirectGuard(): void {
  browser.webRequest.onBeforeRedirect.addListener(
    (details) => {
      if (details.tabId !== -1) return;
      counter.hop(details.url, details.redirectUrl);
    },
    { urls: ['http://*/*', 'https://*/*'] },
  );
  installFirefoxRedirectCancel(DEFAULT_FETCH_LIMITS.maxRedirects, (root) => counter.tripRoot(root));
}

export const guardedFetch: Fetcher = async (url, init) => {
  const controller = new AbortController();
  const outer = init.signal;
  if (outer) {
    if (outer.aborted) controller.abort();
    else outer.addEventListener('abort', () => controller.abort(), { once: true });
  }
  let exceeded = false;
  const stop = counter.watch(url, () => {
    exceeded = true;
    controller.abort();
  });
  try {
    return await fetch(url, { ...init, signal: controller.signal });
  } catch (err) {
    if (exceeded) throw new TooManyRedirects();
    throw err;
  } finally {
    stop();
  }
};
