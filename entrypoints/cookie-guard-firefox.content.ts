/**
 * The cookie guard in Firefox (MV2). Firefox runs extension scripts beside the page (Xray vision), so the
 * guard defines the page's `document.cookie` accessor (and `cookieStore.set` where it exists) through
 * `wrappedJSObject` with functions exported into the page, as gpc-firefox.content.ts does for GPC
 * (https://developer.mozilla.org/en-US/docs/Mozilla/Add-ons/WebExtensions/Sharing_objects_with_page_scripts).
 * Its site's compiled choice is inlined by the background in the script registration that runs this file
 * (`contentScripts.register` with a code snippet first: entrypoints/background/enforce-firefox.ts), so it
 * decides from the first write; later changes arrive as messages. Writes go through our own Xray view of
 * `document.cookie`, which always reaches the platform's setter, never the page's.
 */
import { defineContentScript } from 'wxt/utils/define-content-script';
import { refusedReporter } from '@/utils/refused-reporter';
import { browser } from 'wxt/browser';
import { GuardBook, isGuardSiteData, type GuardSiteData, type TrackingNames } from '@/lib/enforce/guard';
import { parseSetCookie } from '@/lib/enforce/set-cookie';
import trackingNames from '#tracking-names';

declare function exportFunction<T extends (...args: never[]) => unknown>(fn: T, target: object): T;

/** Set by the registration's code snippet, read and deleted here (the sandbox is the extension's, not the page's). */
export const DATA_GLOBAL = '__cookieWardenGuardData';

type Replay = () => unknown;

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_start',
  allFrames: true,
  include: ['firefox'],
  registration: 'runtime',
  globalName: false,
  main() {
    const sandbox = globalThis as Record<string, unknown>;
    const inlined = sandbox[DATA_GLOBAL];
    Reflect.deleteProperty(sandbox, DATA_GLOBAL);
    const initial: GuardSiteData | null = isGuardSiteData(inlined) ? inlined : null;

    let active = window === window.top;
    if (!active) {
      try {
        active = typeof window.top?.location.href === 'string';
      } catch {
        active = false;
      }
    }
    const book = new GuardBook<Replay>(trackingNames as unknown as TrackingNames, null, initial, active);
    // Refused names, sent in one message per burst.
    const report = refusedReporter();
    const pageWindow = (window as unknown as { wrappedJSObject: Window & typeof globalThis }).wrappedJSObject;

    try {
      const proto = pageWindow.Document.prototype;
      const set = exportFunction(function (value: unknown) {
        const line = String(value);
        const parsed = parseSetCookie(line, Date.now());
        const replay = () => {
          document.cookie = line;
        };
        if (book.write(parsed.name, parsed.deletes, replay) === 'refuse') {
          report(parsed.name);
          return;
        }
        document.cookie = line;
      }, pageWindow);
      const get = exportFunction(function () {
        return document.cookie;
      }, pageWindow);
      Reflect.defineProperty(proto, 'cookie', { configurable: true, enumerable: true, get, set });
    } catch {
      /* a document without cookies (sandboxed, data:): nothing to guard */
    }

    try {
      const CS = (pageWindow as unknown as { CookieStore?: { prototype: Record<string, unknown> } }).CookieStore;
      const csProto = CS?.prototype;
      const native = csProto?.set as ((...a: unknown[]) => unknown) | undefined;
      if (csProto && typeof native === 'function') {
        csProto.set = exportFunction(function (this: unknown, ...args: unknown[]) {
          const a0 = args[0] as { name?: unknown; expires?: unknown } | string | undefined;
          const name = typeof a0 === 'string' ? a0 : typeof a0?.name === 'string' ? a0.name : '';
          const deletes = typeof a0 === 'object' && typeof a0?.expires === 'number' && a0.expires <= Date.now();
          const self = this;
          const replay = () => Reflect.apply(native, self, args);
          if (book.write(name, deletes, replay) === 'refuse') {
            report(name);
            return pageWindow.Promise.resolve();
          }
          return Reflect.apply(native, self, args);
        }, pageWindow);
      }
    } catch {
      /* no CookieStore API here */
    }

    const update = (data: unknown) => {
      if (!isGuardSiteData(data)) return;
      for (const replay of book.update(data)) {
        try {
          replay();
        } catch {
          /* refused by the browser now */
        }
      }
    };
    // The registration may be a moment older than the latest choice: ask once, then follow updates.
    void browser.runtime
      .sendMessage({ type: 'guard-data', url: location.href })
      .then(update)
      .catch(() => undefined);
    browser.runtime.onMessage.addListener((message: unknown) => {
      const m = message as { type?: unknown; data?: unknown };
      if (m?.type === 'guard-update') update(m.data);
      return undefined;
    });
  },
});
