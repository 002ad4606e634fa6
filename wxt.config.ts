import { defineConfig } from 'wxt';
import { SIGNAL_RULESET_ID, SIGNAL_RULESET_PATH } from './lib/signals/rules';

// Release (issue 16): a real add-on id (the e2e tests fix its moz-extension UUID by it: tests/e2e/support/firefox.ts),
// and a strict CSP for our own pages: our scripts only, no plugins, no remote or evaluated code.
const GECKO_ID = 'cookie-warden@cookie-warden.org';
const EXTENSION_PAGES_CSP = "script-src 'self'; object-src 'none'";

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
    // Each permission's reason: README "Permissions". No `tabs`: host access already shows us the URLs of
    // http(s) tabs. DNR "WithHostAccess": our rules only modify headers on sites we have host access to, and it
    // spares the "block content on any page" prompt.
    permissions: [
      'cookies',
      'storage',
      'webNavigation',
      'webRequest',
      'declarativeNetRequestWithHostAccess',
      // Firefox MV2: blocking webRequest caps the redirects of our own policy fetches (redirect-guard-firefox.ts)
      // and adds DNT / Sec-GPC from the first request (signals-firefox.ts).
      ...(browser === 'firefox' ? ['webRequestBlocking'] : []),
      // Chromium: `scripting` registers the main-world cookie guard (issue 11) and the content script that takes
      // the signals out of pages when the option is off; `privacy` reads (never writes) Chromium's own Do Not
      // Track switch for the options page.
      // `scripting` in both: consent banners are answered through their platform's API in the page's main
      // world (issue 15; Firefox offers `scripting.executeScript({ world: 'MAIN' })` to MV2 since 128).
      'scripting',
      ...(browser === 'firefox' ? [] : ['privacy']),
    ],
    // http(s) only: cookies, policies and headers live there; no file:// or ftp:// access.
    host_permissions: ['*://*/*'],
    // MV3 object form for both: WXT writes it as the MV2 string for Firefox, and adds its dev server in `wxt` dev.
    content_security_policy: { extension_pages: `${EXTENSION_PAGES_CSP};` },
    // Drawn for the product: public/icon/icon.svg (16 px: icon-16.svg), PNGs made with rsvg-convert.
    icons: { 16: 'icon/16.png', 32: 'icon/32.png', 48: 'icon/48.png', 96: 'icon/96.png', 128: 'icon/128.png' },
    // The toolbar icon is declared on the popup (entrypoints/popup/index.html), so MV2 gets it too.
    action: { default_title: 'Cookie Warden' },
    // Chromium: DNT and Sec-GPC as a static ruleset, enabled by default, so the first request after install
    // and after every browser start carries them (the worker only switches it). lib/signals/rules.ts.
    declarative_net_request:
      browser === 'firefox'
        ? undefined
        : { rule_resources: [{ id: SIGNAL_RULESET_ID, enabled: true, path: SIGNAL_RULESET_PATH }] },
    browser_specific_settings:
      browser === 'firefox'
        ? {
            gecko: {
              id: GECKO_ID,
              // 140 (ESR): the first with Firefox's built-in data consent, declared below.
              strict_min_version: '140.0',
              // Firefox's built-in data consent: this extension collects and transmits nothing.
              data_collection_permissions: { required: ['none'] },
            },
            gecko_android: { strict_min_version: '142.0' },
          }
        : undefined,
  }),
  zip: {
    // The sources a reviewer rebuilds the Firefox add-on from: what the build reads, not the tests, the
    // screenshots, the figures or the store texts (2.3 MB of them, mostly PNGs).
    excludeSources: ['docs/**', 'tests/**', 'test-results/**', 'bench/**', 'store/**', '**/*.test.ts'],
  },
  hooks: {
    'entrypoints:resolved'(wxt, entrypoints) {
      // A browser-specific entrypoint (`include: ['firefox']`) is left out of the other browser's build on
      // purpose; drop it here so that every Chromium build does not print "entrypoints have been skipped".
      for (let i = entrypoints.length - 1; i >= 0; i--) {
        const { skipped, options } = entrypoints[i]!;
        const only = (options as { include?: string[] }).include;
        if (skipped && only?.length && !only.includes(wxt.config.browser)) entrypoints.splice(i, 1);
      }
    },
    'build:manifestGenerated'(wxt, manifest) {
      // Firefox MV2 content scripts have no `world`: signals.content.ts reaches the page through Xray there.
      if (wxt.config.browser !== 'firefox') return;
      for (const cs of manifest.content_scripts ?? []) delete (cs as { world?: string }).world;
    },
  },
});
