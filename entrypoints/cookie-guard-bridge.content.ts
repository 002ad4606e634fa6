/**
 * The isolated half of the Chromium cookie guard: takes the private channel element the main-world guard
 * left (before any page script runs), asks the background for this site's compiled choice, and passes it,
 * and every later update (a policy arrived, the user changed the choice), to the guard. Decides nothing.
 *
 * A page may get two guards, each with its own channel: while the background moves a site from the default
 * registration to one of its own (enforce-chromium.ts registers the new one before it narrows the old one,
 * so that no page goes unguarded), a page that starts in between gets both. Every channel is taken: a guard
 * whose channel nobody took never hears HELLO, and the names it refuses are never reported (the popup then
 * did not list cookies that were refused all the same: the "syncronis ignores DNT" journey, about 1 run in 5).
 */
import { defineContentScript } from 'wxt/utils/define-content-script';
import { refusedReporter } from '@/utils/refused-reporter';
import { browser } from 'wxt/browser';
import { CHANNEL_ATTRIBUTE, CHANNEL_EVENT, HELLO_EVENT, REFUSED_EVENT } from '@/utils/cookie-guard-main';

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_start',
  allFrames: true,
  include: ['chrome'],
  globalName: false,
  main() {
    const channels: Element[] = [];
    /** The site's data last received, for a channel taken after it arrived. */
    let latest: string | null = null;
    // Refused names, sent in one message per burst.
    const report = refusedReporter();
    const send = (el: Element, json: string) => el.dispatchEvent(new CustomEvent(CHANNEL_EVENT, { detail: json }));
    const deliver = (json: string) => {
      latest = json;
      for (const el of channels) send(el, json);
    };
    const take = (): void => {
      const found = document.documentElement?.querySelectorAll(`:scope > [${CHANNEL_ATTRIBUTE}]`) ?? [];
      for (const el of found) {
        el.remove();
        channels.push(el);
        el.addEventListener(REFUSED_EVENT, (event) => {
          const name = (event as CustomEvent<unknown>).detail;
          if (typeof name === 'string') report(name);
        });
        el.dispatchEvent(new CustomEvent(HELLO_EVENT));
        if (channels.length === 1) ask();
        else if (latest !== null) send(el, latest);
      }
    };
    // A guard may run before or after this script (all at document_start, before the page), and a second
    // one after the first: watch until the page's own content begins.
    take();
    if (document.documentElement) {
      const observer = new MutationObserver(take);
      observer.observe(document.documentElement, { childList: true });
      document.addEventListener('DOMContentLoaded', () => observer.disconnect(), { once: true });
    }

    // Asked only where a guard runs (it left its channel): frames without one cost the background nothing.
    function ask(): void {
      void browser.runtime
        .sendMessage({ type: 'guard-data', url: location.href })
        .then((data: unknown) => {
          if (data) deliver(JSON.stringify(data));
        })
        .catch(() => undefined);
    }
    browser.runtime.onMessage.addListener((message: unknown) => {
      const m = message as { type?: unknown; data?: unknown };
      if (m?.type === 'guard-update' && m.data) deliver(JSON.stringify(m.data));
      return undefined;
    });
  },
});
