/**
 * `navigator.globalPrivacyControl === true` and `navigator.doNotTrack === "1"` before the page's first
 * script, in every frame (about:blank ones too), both browsers. A static manifest script: the only kind
 * that is there from the very first page after install or browser start. When the option is off, the
 * background registers signals-off.content.ts, which runs after this one and removes what it defined.
 *
 * Chromium runs it in the page's main world; Firefox MV2 has none (wxt.config.ts drops `world` from its
 * manifest) and reaches the page through Xray (utils/page-navigator.ts).
 */
import { defineContentScript } from 'wxt/utils/define-content-script';
import { defineSignalProperties } from '@/lib/signals/page-properties';
import { pageNavigator } from '@/utils/page-navigator';

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_start',
  allFrames: true,
  matchAboutBlank: true,
  world: 'MAIN',
  main() {
    const { nav, wrap } = pageNavigator();
    defineSignalProperties(nav, wrap);
  },
});
