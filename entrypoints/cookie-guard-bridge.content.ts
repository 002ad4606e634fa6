/**
 * The isolated half of the Chromium cookie guard: takes the private channel element the main-world guard
 * left (before any page script runs), asks the background for this site's compiled choice, and passes it,
 * and every later update (a policy arrived, the user changed the choice), to the guard. Decides nothing.
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
    let channel: Element | null = null;
    let pending: string | null = null;
    // Refused names, sent in one message per burst.
    const report = refusedReporter();
    const deliver = (json: string) => {
      if (channel) channel.dispatchEvent(new CustomEvent(CHANNEL_EVENT, { detail: json }));
      else pending = json;
    };
    const take = (): boolean => {
      const el = document.documentElement?.querySelector(`:scope > [${CHANNEL_ATTRIBUTE}]`);
      if (!el) return false;
      el.remove();
      channel = el;
      el.addEventListener(REFUSED_EVENT, (event) => {
        const name = (event as CustomEvent<unknown>).detail;
        if (typeof name === 'string') report(name);
      });
      el.dispatchEvent(new CustomEvent(HELLO_EVENT));
      ask();
      if (pending !== null) deliver(pending);
      pending = null;
      return true;
    };
    // The guard may run before or after this script: both at document_start, before the page.
    if (!take() && document.documentElement) {
      const observer = new MutationObserver(() => {
        if (take()) observer.disconnect();
      });
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
