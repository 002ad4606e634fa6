/**
 * Firefox quirk: its redirect events reach the background after a fast server has already been asked
 * for every hop (measured: a local redirect loop got all 21 requests, Firefox's own limit, before the
 * abort of fetch-guard.ts landed; non-blocking onBeforeRedirect is not ordered with blocking events either).
 * Firefox MV2 keeps blocking webRequest, and a redirected request keeps its requestId: the background's own
 * requests (no tab) are counted per requestId and the hop past the limit is cancelled before it goes out.
 * Chromium MV3 has no blocking webRequest; there the abort alone stops the chain (6 requests measured).
 */
import { browser, type Browser } from 'wxt/browser';

const MAX_TRACKED = 500;

/** `stopped(rootUrl)` tells the fetch that started at rootUrl why it failed. */
export function installFirefoxRedirectCancel(maxRedirects: number, stopped: (rootUrl: string) => void): void {
  if (import.meta.env.BROWSER !== 'firefox') return;
  const chains = new Map<string, { root: string; requests: number }>();
  const onBeforeRequest = browser.webRequest.onBeforeRequest as unknown as {
    addListener(
      cb: (d: Browser.webRequest.WebRequestDetails) => Browser.webRequest.BlockingResponse | undefined,
      filter: Browser.webRequest.RequestFilter,
      extra: string[],
    ): void;
  };
  onBeforeRequest.addListener(
    (details) => {
      if (details.tabId !== -1) return undefined;
      let chain = chains.get(details.requestId);
      if (!chain) {
        if (chains.size >= MAX_TRACKED) chains.delete(chains.keys().next().value!);
        chain = { root: details.url, requests: 0 };
        chains.set(details.requestId, chain);
      }
      chain.requests++;
      if (chain.requests <= maxRedirects + 1) return undefined;
      chains.delete(details.requestId);
      stopped(chain.root);
      return { cancel: true };
    },
    { urls: ['http://*/*', 'https://*/*'] },
    ['blocking'],
  );
}
