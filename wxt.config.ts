import { defineConfig } from 'wxt';

// See https://wxt.dev/api/config.html
export default defineConfig({
  modules: ['@wxt-dev/module-react', '@wxt-dev/webextension-polyfill'],
  // lib/ is plain TypeScript; keep WXT's auto-imports out of it (STYLE.md §1).
  imports: false,
  manifest: ({ browser }) => ({
    name: 'Cookie Warden',
    description: 'Makes websites keep the cookie promises they publish.',
    permissions: [
      'cookies',
      'storage',
      'tabs',
      'webNavigation',
      'webRequest',
      'declarativeNetRequest',
      // Firefox MV2: blocking webRequest caps the redirects of our own policy fetches (redirect-guard-firefox.ts).
      // Chromium: the main-world cookie guard is a registered content script (issue 11).
      ...(browser === 'firefox' ? ['webRequestBlocking'] : ['scripting']),
    ],
    host_permissions: ['<all_urls>'],
    action: { default_title: 'Cookie Warden' },
    browser_specific_settings:
      browser === 'firefox'
        ? { gecko: { id: 'cookie-warden@cookie-warden.test', strict_min_version: '115.0' } }
        : undefined,
  }),
});
