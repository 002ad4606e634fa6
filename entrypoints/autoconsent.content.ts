/**
 * Issue 15: @duckduckgo/autoconsent's content script (isolated world, every frame, document_start) for the long
 * tail of consent platforms. It detects a platform by its rules and talks to the background, which decides
 * (lib/consent/autoconsent.ts): its messages go out wrapped as `{ type: 'autoconsent', message }`, and the
 * background's answers (`initResp`, `evalResp`, `optOut`, `selfTest`) come back to this frame.
 */
import { defineContentScript } from 'wxt/utils/define-content-script';
import { browser } from 'wxt/browser';
import AutoConsent, { type BackgroundMessage } from '@duckduckgo/autoconsent';

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_start',
  allFrames: true,
  main() {
    const consent = new AutoConsent(async (message) => {
      await browser.runtime.sendMessage({ type: 'autoconsent', message }).catch(() => undefined);
    });
    browser.runtime.onMessage.addListener((message: unknown) => {
      const m = message as BackgroundMessage | null;
      if (!m || typeof m !== 'object' || typeof (m as { type?: unknown }).type !== 'string') return undefined;
      if (!['initResp', 'evalResp', 'optOut', 'selfTest'].includes(m.type)) return undefined;
      return Promise.resolve(consent.receiveMessageCallback(m)).then(() => undefined);
    });
  },
});
