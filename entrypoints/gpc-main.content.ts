/**
 * Global Privacy Control in the page: `navigator.globalPrivacyControl === true` (and DNT) before the
 * page's own scripts run. Chromium runs this in the page's main world at document_start.
 */
import { defineContentScript } from 'wxt/utils/define-content-script';

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_start',
  allFrames: true,
  world: 'MAIN',
  include: ['chrome'],
  main() {
    const proto = Object.getPrototypeOf(navigator) as object;
    try {
      Object.defineProperty(proto, 'globalPrivacyControl', { get: () => true, configurable: true, enumerable: true });
      Object.defineProperty(proto, 'doNotTrack', { get: () => '1', configurable: true, enumerable: true });
    } catch {
      /* a page that froze Navigator first: the headers still carry the signals */
    }
  },
});
