/**
 * Firefox quirk: declarativeNetRequest rules do not rewrite requests an extension makes itself, so the
 * Referer Cookiebot needs (referer.ts) is set here with blocking webRequest (MV2, `webRequestBlocking`).
 * In Chromium MV3 there is no blocking webRequest: the listener is not registered and the session rule does it.
 */
import { browser, type Browser } from 'wxt/browser';

const pending = new Map<string, string>();

/** Register once, synchronously in the background's main(). */
export function installFirefoxReferer(): void {
  if (import.meta.env.BROWSER !== 'firefox') return;
  const onBeforeSendHeaders = browser.webRequest.onBeforeSendHeaders as unknown as {
    addListener(
      cb: (d: Browser.webRequest.OnBeforeSendHeadersDetails) => Browser.webRequest.BlockingResponse | undefined,
      filter: Browser.webRequest.RequestFilter,
      extra: string[],
    ): void;
  };
  onBeforeSendHeaders.addListener(
    (details) => {
      const referer = details.tabId === -1 ? pending.get(details.url) : undefined;
      if (referer === undefined) return undefined;
      const headers = (details.requestHeaders ?? []).filter((h) => h.name.toLowerCase() !== 'referer');
      headers.push({ name: 'Referer', value: referer });
      return { requestHeaders: headers };
    },
    { urls: ['http://*/*', 'https://*/*'] },
    ['blocking', 'requestHeaders'],
  );
}

export function setFirefoxReferer(url: string, referer: string): () => void {
  if (import.meta.env.BROWSER !== 'firefox') return () => undefined;
  pending.set(url, referer);
  return () => pending.delete(url);
}
