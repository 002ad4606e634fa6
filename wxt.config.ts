import { defineConfig } from 'wxt';

// See https://wxt.dev/api/config.html
export default defineConfig({
  modules: ['@wxt-dev/module-react', '@wxt-dev/webextension-polyfill'],
  // lib/ is plain TypeScript; keep WXT's auto-imports out of it (STYLE.md §1).
  imports: false,
  manifest: ({ browser }) => ({
    name: 'Cookie Warden',
    description: '__MSG_extDescription__',
    // The pages' words come from public/_locales (en, de, fr), picked by the browser's language.
    default_locale: 'en',
    permissions: [
      'cookies',
      'storage',
      'tabs',
      'webNavigation',
      'webRequest',
      'declarativeNetRequest',
      // Firefox MV2: blocking webRequest caps the redirects of our own policy fetches (redirect-guard-firefox.ts).
      ...(browser === 'firefox' ? ['webRequestBlocking'] : []),
    ],
    host_permissions: ['<all_urls>'],
    // Drawn for the product: public/icon/icon.svg (16 px: icon-16.svg), PNGs made with rsvg-convert.
    icons: { 16: 'icon/16.png', 32: 'icon/32.png', 48: 'icon/48.png', 96: 'icon/96.png', 128: 'icon/128.png' },
    // The toolbar icon is declared on the popup (entrypoints/popup/index.html), so MV2 gets it too.
    action: { default_title: 'Cookie Warden' },
    browser_specific_settings:
      browser === 'firefox'
        ? { gecko: { id: 'cookie-warden@cookie-warden.test', strict_min_version: '115.0' } }
        : undefined,
  }),
});
