/**
 * Firefox MV2 has no static declarativeNetRequest rulesets: DNT and Sec-GPC go on from a blocking
 * `onBeforeSendHeaders` listener registered synchronously in the background's main(). Firefox holds the
 * requests of the first moments after start-up until the background of an extension with blocking
 * webRequest listeners has started, so the first page load carries them too. Until the stored setting is
 * read, the listener answers with a promise (Firefox waits for it) instead of guessing.
 */
import { browser, type Browser } from 'wxt/browser';
import { withSignalHeaders } from '@/lib/signals/rules';

/** `sending()`: the option's value, or a promise of it while the settings are still loading. */
export function installFirefoxSignalHeaders(sending: () => boolean | Promise<boolean>): void {
  if (import.meta.env.BROWSER !== 'firefox') return;
  const onBeforeSendHeaders = browser.webRequest.onBeforeSendHeaders as unknown as {
    addListener(
      cb: (d: Browser.webRequest.OnBeforeSendHeadersDetails) => Browser.webRequest.BlockingResponse | Promise<Browser.webRequest.BlockingResponse> | undefined,
      filter: Browser.webRequest.RequestFilter,
      extra: string[],
    ): void;
  };
  onBeforeSendHeaders.addListener(
    (details) => {
      const on = sending();
      const answer = (v: boolean): Browser.webRequest.BlockingResponse =>
        v ? { requestHeaders: withSignalHeaders(details.requestHeaders) as Browser.webRequest.HttpHeader[] } : {};
      return typeof on === 'boolean' ? (on ? answer(true) : undefined) : on.then(answer);
    },
    { urls: ['<all_urls>'] },
    ['blocking', 'requestHeaders'],
  );
}
