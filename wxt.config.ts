import { defineConfig } from 'wxt';
import { SIGNAL_RULESET_ID, SIGNAL_RULESET_PATH } from './lib/signals/rules';

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
      // Firefox MV2: blocking webRequest caps the redirects of our own policy fetches (redirect-guard-firefox.ts)
      // and adds DNT / Sec-GPC from the first request (signals-firefox.ts).
      ...(browser === 'firefox' ? ['webRequestBlocking'] : []),
      // Chromium: `scripting` registers the content script that takes the signals out of pages when the
      // option is off; `privacy` reads (never writes) Chromium's own Do Not Track switch for the options page.
      ...(browser === 'firefox' ? [] : ['scripting', 'privacy']),
    ],
    host_permissions: ['<all_urls>'],
    action: { default_title: 'Cookie Warden' },
    // Chromium: DNT and Sec-GPC as a static ruleset, enabled by default, so the first request after install
    // and after every browser start carries them (the worker only switches it). lib/signals/rules.ts.
    declarative_net_request:
      browser === 'firefox'
        ? undefined
        : { rule_resources: [{ id: SIGNAL_RULESET_ID, enabled: true, path: SIGNAL_RULESET_PATH }] },
    browser_specific_settings:
      browser === 'firefox'
        ? { gecko: { id: 'cookie-warden@cookie-warden.test', strict_min_version: '115.0' } }
        : undefined,
  }),
  hooks: {
    'build:manifestGenerated'(wxt, manifest) {
      // Firefox MV2 content scripts have no `world`: signals.content.ts reaches the page through Xray there.
      if (wxt.config.browser !== 'firefox') return;
      for (const cs of manifest.content_scripts ?? []) delete (cs as { world?: string }).world;
    },
  },
});
