/**
 * Issue 15: shops with real consent platforms, served from the npm packages (devDependencies) and configured as
 * a site would, with the configurations in ../shared/data/cmp-samples.
 *
 * cc-shop.test      vanilla-cookieconsent 3.1.0, the demo_gtm configuration (necessary read-only, analytics with
 *                   autoClear _ga/_gid, ads); its analytics tag is `type="text/plain" data-category="analytics"`
 *                   and would set `_ga` and call /collect.
 * klaro-shop.test   Klaro 0.7.22, the services of Klaro's own dist/config.js (inlineTracker's tag is
 *                   `type="text/plain" data-name="inlineTracker"` and would set `inline-tracker`, call /collect).
 * tac-shop.test     tarteaucitron 1.34.0 (highPrivacy), two services a site declares itself, as tarteaucitron
 *                   documents: `shopstats` (type analytic: sets `_ga`, calls /collect) and `shopads` (type ads).
 * cc-off.test      the same shop, for the journey with the switch off.
 * cc-breach.test    vanilla-cookieconsent as on cc-shop, but the site sets `_ga` a moment after every consent,
 *                   refused or not: its record says refused, and the analytics cookie comes anyway.
 *
 * Every shop: GET /collect (the analytics beacon: the server records it; no call means no tag ran).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { html, page, routes, type Handler, type Site, type SiteResponse } from '../site';

export const CC_SHOP_HOST = 'cc-shop.test';
export const KLARO_SHOP_HOST = 'klaro-shop.test';
export const TAC_SHOP_HOST = 'tac-shop.test';
export const CC_BREACH_HOST = 'cc-breach.test';
/** The same shop as cc-shop, for the switch-off journey (a fresh site the extension has not answered). */
export const CC_OFF_HOST = 'cc-off.test';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const SAMPLES = path.resolve(ROOT, '../shared/data/cmp-samples');

const JS = 'application/javascript; charset=utf-8';
const CSS = 'text/css; charset=utf-8';

function file(relative: string, contentType: string): SiteResponse {
  try {
    return { headers: { 'Content-Type': contentType, 'Cache-Control': 'no-store' }, body: readFileSync(path.join(ROOT, 'node_modules', relative), 'utf8') };
  } catch {
    return { status: 404, headers: { 'Content-Type': 'text/plain' }, body: `${relative} not found\n` };
  }
}

const sample = (relative: string) => JSON.parse(readFileSync(path.join(SAMPLES, relative), 'utf8')) as Record<string, any>;

/** The analytics beacon: recorded by the server, answers nothing. */
const collect: Handler = () => ({ status: 204, headers: { 'Content-Type': 'text/plain' }, body: '' });

const SHOP_CSS = `body { font-family: system-ui, sans-serif; margin: 2rem; } main { max-width: 40rem; }`;
const ANALYTICS_TAG = (marker: string) =>
  `document.cookie = '_ga=GA1.1.' + Date.now() + '; max-age=63072000; path=/'; fetch('/collect?via=${marker}', { keepalive: true });`;

// ---- vanilla-cookieconsent --------------------------------------------------------------------------------

/** The demo_gtm configuration (cmp-samples), its RegExp written back as one, with the English texts a site gives. */
function vanillaConfig(onConsent = ''): string {
  const c = sample('vanilla-cookieconsent/demo_gtm_config_extract.json');
  const sections = c['language.translations.en.preferencesModal.sections'] as Array<Record<string, unknown>>;
  const categories = JSON.stringify(c.categories).replace('{"regex":"^(_ga|_gid)"}', '/^(_ga|_gid)/');
  // hideFromBots off: the tests' browsers are automated (navigator.webdriver), and the banner must show there.
  return `CookieConsent.run({
  hideFromBots: false,
  cookie: ${JSON.stringify(c.cookie)},
  categories: ${categories},
  ${onConsent ? `onConsent: function () { ${onConsent} },` : ''}
  language: {
    default: 'en',
    translations: {
      en: {
        consentModal: { title: 'We use cookies', description: 'Cookie consent', acceptAllBtn: 'Accept all', acceptNecessaryBtn: 'Reject all', showPreferencesBtn: 'Manage preferences' },
        preferencesModal: { title: 'Cookie preferences', acceptAllBtn: 'Accept all', acceptNecessaryBtn: 'Reject all', savePreferencesBtn: 'Save', sections: ${JSON.stringify(sections)} }
      }
    }
  }
});`;
}

function vanillaShop(host: string, title: string, onConsent = ''): Site {
  return {
    host,
    handle: routes({
      'GET /': () =>
        html(`<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>${title}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/vendor/cookieconsent.css">
<style>${SHOP_CSS}</style>
<script type="text/plain" data-category="analytics">${ANALYTICS_TAG('vanilla')}</script>
</head><body><main><h1>${title}</h1><p id="status">Welcome.</p></main>
<script src="/vendor/cookieconsent.umd.js"></script>
<script>
${vanillaConfig(onConsent)}
</script>
</body></html>`),
      'GET /vendor/cookieconsent.umd.js': () => file('vanilla-cookieconsent/dist/cookieconsent.umd.js', JS),
      'GET /vendor/cookieconsent.css': () => file('vanilla-cookieconsent/dist/cookieconsent.css', CSS),
      'GET /collect': collect,
    }),
  };
}

export const createCcShop = (): Site => vanillaShop(CC_SHOP_HOST, 'A shop with vanilla-cookieconsent');
/** Records the refusal, then sets `_ga` anyway (a tag that ignores the platform). */
export const createCcBreach = (): Site =>
  vanillaShop(CC_BREACH_HOST, 'A shop that ignores its own banner', `setTimeout(function () { ${ANALYTICS_TAG('breach')} }, 1500);`);

// ---- Klaro ------------------------------------------------------------------------------------------------

function klaroConfig(): string {
  const c = sample('klaro/klaro_dist_config_services.json');
  const services = JSON.stringify(c.services).replace(/\{"regex":"([^"]*)"\}/g, (_m, re: string) => `/${re}/`);
  return `var klaroConfig = {
  version: 1,
  elementID: 'klaro',
  storageMethod: 'cookie',
  cookieName: 'klaro',
  cookieExpiresAfterDays: 365,
  privacyPolicy: '/privacy',
  default: false,
  mustConsent: false,
  acceptAll: true,
  translations: { en: { purposes: ${JSON.stringify(c['translations.en.purposes'])} } },
  services: ${services}
};`;
}

export function createKlaroShop(): Site {
  return {
    host: KLARO_SHOP_HOST,
    handle: routes({
      'GET /': () =>
        html(`<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>A shop with Klaro</title>
<link rel="icon" href="data:,">
<style>${SHOP_CSS}</style>
<script>${klaroConfig()}</script>
<script defer src="/vendor/klaro.js"></script>
<script type="text/plain" data-type="application/javascript" data-name="inlineTracker">document.cookie = 'inline-tracker=' + Date.now() + '; max-age=31536000; path=/'; fetch('/collect?via=klaro', { keepalive: true });</script>
</head><body><main><h1>A shop with Klaro</h1><p id="status">Welcome.</p></main></body></html>`),
      'GET /vendor/klaro.js': () => file('klaro/dist/klaro.js', JS),
      'GET /collect': collect,
    }),
  };
}

// ---- tarteaucitron ----------------------------------------------------------------------------------------

const TAC_TYPES: Record<string, string> = { '.js': JS, '.css': CSS };

export function createTacShop(): Site {
  const pages = routes({
    'GET /': () =>
      html(`<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>A shop with tarteaucitron</title>
<link rel="icon" href="data:,">
<style>${SHOP_CSS}</style>
<script src="/tarteaucitron/tarteaucitron.js"></script>
<script>
tarteaucitron.init({
  privacyUrl: '/privacy', hashtag: '#tarteaucitron', cookieName: 'tarteaucitron', orientation: 'middle',
  showAlertSmall: false, cookieslist: true, highPrivacy: true, AcceptAllCta: true, DenyAllCta: true,
  handleBrowserDNTRequest: false, removeCredit: true, moreInfoLink: true, useExternalCss: false, mandatory: true
});
tarteaucitron.services.shopstats = {
  key: 'shopstats', type: 'analytic', name: 'Shop statistics', uri: '/privacy', needConsent: true, cookies: ['_ga'],
  js: function () { ${ANALYTICS_TAG('tarteaucitron')} }
};
tarteaucitron.services.shopads = {
  key: 'shopads', type: 'ads', name: 'Shop advertising', uri: '/privacy', needConsent: true, cookies: ['_gcl_au'],
  js: function () { fetch('/collect?via=tarteaucitron-ads', { keepalive: true }); }
};
(tarteaucitron.job = tarteaucitron.job || []).push('shopstats', 'shopads');
</script>
</head><body><main><h1>A shop with tarteaucitron</h1><p id="status">Welcome.</p></main></body></html>`),
    'GET /collect': collect,
  });
  return {
    host: TAC_SHOP_HOST,
    handle(req, ctx) {
      // tarteaucitron loads its services, language and CSS from beside its own script.
      const m = /^\/tarteaucitron\/((?:lang\/|css\/)?[\w.-]+\.(js|css))$/.exec(req.pathname);
      if (m) return file(`tarteaucitronjs/${m[1]}`, TAC_TYPES[`.${m[2]}`]!);
      return pages(req, ctx);
    },
  };
}

export const bannerSites = (): Site[] => [
  createCcShop(),
  vanillaShop(CC_OFF_HOST, 'Another shop with vanilla-cookieconsent'),
  createKlaroShop(),
  createTacShop(),
  createCcBreach(),
];
