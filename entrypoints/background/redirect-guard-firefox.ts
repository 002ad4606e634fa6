/**
 * Firefox quirk: its redirect events reach the background after a fast server has already been asked
 * for every hop (measured: a local redirect loop got all 21 requests, Firefox's own limit, before the
 * abort of fetch-guard.ts landed). Firefox MV2 keeps blocking webRequest, and events arrive in order:
 * the request for the hop past the limit is cancelled before it goes out.
 * Chromium MV3 has no blocking webRequest; there the abort alone stops the chain (6 requests measured).
 */
import { browser, type Browser } from 'wxt/browser';

export function installFirefoxRedirectCancel(isOver: (url: string) => boolean): void {
  if (import.meta.env.BROWSER !== 'firefox') return;
  const onBeforeRequest = browser.webRequest.onBeforeRequest as unknown as {
    addListener(
      cb: (d: Browser.webRequest.WebRequestDetails) => Browser.webRequest.BlockingResponse | undefined,
      filter: Browser.webRequest.RequestFilter,
      extra: string[],
    ): void;
  };
  onBeforeRequest.addListener(
    (details) => (details.tabId === -1 && isOver(details.url) ? { cancel: true } : undefined),
    { urls: ['http://*/*', 'https://*/*'] },
    ['blocking'],
  );
}
