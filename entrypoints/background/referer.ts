/**
 * Cookiebot answers `cc.js` with the site's declaration only when the request carries the site as Referer
 * (../shared/data/cmp-samples/README.md, section 1). `Referer` is a forbidden header name for `fetch`, so
 * a declarativeNetRequest session rule sets it, scoped to that one URL from the extension itself (no tab),
 * and is removed as soon as the fetch is done. Checked in Chromium 156 and Firefox ESR 153 (MV2): both apply
 * the session rule to the extension's own request (e2e: the demo Cookiebot CDN records the Referer).
 */
import { browser, type Browser } from 'wxt/browser';

// Session rule ids above the dynamic signal rules' range (lib/signals/rules.ts uses 1).
const FIRST_ID = 10_000;
let nextId = FIRST_ID;

/** Set `Referer: referer` on requests to exactly `url` until the returned function is called. */
export async function withReferer(url: string, referer: string): Promise<() => Promise<void>> {
  const id = nextId++;
  if (nextId > FIRST_ID + 50_000) nextId = FIRST_ID;
  let installed = false;
  // urlFilter has its own syntax: `*`, `^` and `|` are operators; our URLs never carry them (built from a UUID
  // and a host name), and a URL that did would not be matched (the fetch then goes without Referer).
  if (!/[*^|]/.test(url)) {
    try {
      await browser.declarativeNetRequest.updateSessionRules({
        removeRuleIds: [id],
        addRules: [
          {
            id,
            priority: 2,
            action: {
              type: 'modifyHeaders',
              requestHeaders: [{ header: 'referer', operation: 'set', value: referer }],
            },
            condition: { urlFilter: `|${url}|`, tabIds: [-1], resourceTypes: ['xmlhttprequest', 'other'] },
          } as unknown as Browser.declarativeNetRequest.Rule,
        ],
      });
      installed = true;
    } catch (err) {
      console.warn('cookie-warden: referer rule', err);
    }
  }
  return async () => {
    if (installed) await browser.declarativeNetRequest.updateSessionRules({ removeRuleIds: [id] }).catch(() => undefined);
  };
}
