/**
 * Firefox MV2 has no main-world content scripts: define the page-visible getters through Xray
 * (`wrappedJSObject` + `exportFunction`), which reach the page's own Navigator before its scripts run.
 * See https://developer.mozilla.org/en-US/docs/Mozilla/Add-ons/WebExtensions/Sharing_objects_with_page_scripts
 */
import { defineContentScript } from 'wxt/utils/define-content-script';

declare function exportFunction<T extends (...args: never[]) => unknown>(fn: T, target: object): T;

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_start',
  allFrames: true,
  include: ['firefox'],
  main() {
    const pageWindow = (window as unknown as { wrappedJSObject: Window & typeof globalThis }).wrappedJSObject;
    const proto = pageWindow.Navigator.prototype;
    try {
      Reflect.defineProperty(proto, 'globalPrivacyControl', {
        get: exportFunction(() => true, pageWindow),
        configurable: true,
        enumerable: true,
      });
      Reflect.defineProperty(proto, 'doNotTrack', {
        get: exportFunction(() => '1', pageWindow),
        configurable: true,
        enumerable: true,
      });
    } catch {
      /* the headers still carry the signals */
    }
  },
});
