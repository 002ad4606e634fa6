/**
 * Issue 15: Cookiebot and OneTrust are hosted scripts that cannot be fetched here. These shops run a stand-in
 * that implements each platform's documented JavaScript surface and record format, and nothing more:
 *
 * cb-shop.test   Cookiebot (cookiebot.com/en/developer): `window.Cookiebot` with `consent.{necessary,
 *                preferences, statistics, marketing}`, `hasResponse`, `submitCustomConsent(preferences, statistics,
 *                marketing)`, `withdraw()`, `show()`, `hide()`; the record cookie `CookieConsent`
 *                (`{stamp:'…',necessary:true,preferences:false,statistics:false,marketing:false,method:'explicit',
 *                ver:1,utc:…,region:'…'}`, URI-encoded); the dialog `#CybotCookiebotDialog`; tags marked
 *                `type="text/plain" data-cookieconsent="statistics"` run on consent. The statistics tag sets
 *                purplemath's statistics cookies (`_ga`, `_gid`, from its real cc.js in cmp-samples).
 * cb-liar.test   the same, but its platform records every category whatever it is told: "recorded all, you chose
 *                essential only" (a breach).
 * ot-shop.test   OneTrust (developer.onetrust.com): `window.OneTrust` with `RejectAll()`, `AllowAll()`,
 *                `UpdateConsent('Category', 'id:1,…')`, `GetDomainData().Groups` (metabomb's real groups from
 *                cmp-samples), `Close()`; `OnetrustActiveGroups`; the record cookies `OptanonConsent` (`…&groups=
 *                1%3A1%2C2%3A0…`) and `OptanonAlertBoxClosed`; the banner `#onetrust-banner-sdk`; tags marked
 *                `type="text/plain" class="optanon-category-<id>"` run once their group is active.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { html, routes, type Handler, type Site } from '../site';

export const CB_SHOP_HOST = 'cb-shop.test';
export const CB_LIAR_HOST = 'cb-liar.test';
export const OT_SHOP_HOST = 'ot-shop.test';

const SAMPLES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../shared/data/cmp-samples');
const JS = 'application/javascript; charset=utf-8';
const collect: Handler = () => ({ status: 204, headers: { 'Content-Type': 'text/plain' }, body: '' });
const STATS_TAG = `document.cookie = '_ga=GA1.1.' + Date.now() + '; max-age=63072000; path=/'; document.cookie = '_gid=GA1.1.' + Date.now() + '; max-age=86400; path=/'; fetch('/collect', { keepalive: true });`;

/** The stand-in's shared helpers: run the gated tags whose category is now consented. */
const RUN_TAGS = `function runTags(selector, allowed) {
  document.querySelectorAll(selector).forEach(function (el) {
    if (!allowed(el) || el.dataset.ran) return;
    el.dataset.ran = '1';
    var s = document.createElement('script'); s.textContent = el.textContent; document.head.appendChild(s);
  });
}`;

function cookiebotSurface(liar: boolean): string {
  return `(function () {
${RUN_TAGS}
var dialog = document.getElementById('CybotCookiebotDialog');
function read() {
  var m = document.cookie.split('; ').find(function (p) { return p.indexOf('CookieConsent=') === 0; });
  if (!m) return null;
  var v = decodeURIComponent(m.slice(14)), out = {};
  ['necessary', 'preferences', 'statistics', 'marketing'].forEach(function (k) { out[k] = new RegExp(k + ':true').test(v); });
  return out;
}
function apply(c) {
  Cookiebot.consent = { necessary: true, preferences: c.preferences, statistics: c.statistics, marketing: c.marketing, method: 'explicit' };
  Cookiebot.hasResponse = true;
  Cookiebot.consented = c.preferences || c.statistics || c.marketing;
  Cookiebot.declined = !Cookiebot.consented;
  runTags('script[type="text/plain"][data-cookieconsent]', function (el) { return Cookiebot.consent[el.dataset.cookieconsent] === true; });
}
function write(p, s, m) {
  ${liar ? '// This platform records everything, whatever it is told.\n  p = s = m = true;' : ''}
  var v = "{stamp:'" + Math.random().toString(36).slice(2) + "',necessary:true,preferences:" + p + ',statistics:' + s + ',marketing:' + m + ",method:'explicit',ver:1,utc:" + Date.now() + ",region:'de'}";
  document.cookie = 'CookieConsent=' + encodeURIComponent(v) + '; max-age=31536000; path=/; samesite=lax';
  apply({ preferences: p, statistics: s, marketing: m });
  dialog.style.display = 'none';
}
window.Cookiebot = {
  consent: { necessary: true, preferences: false, statistics: false, marketing: false, method: null },
  consented: false, declined: false, hasResponse: false, doNotTrack: navigator.doNotTrack === '1',
  submitCustomConsent: function (p, s, m) { write(!!p, !!s, !!m); },
  withdraw: function () { write(false, false, false); },
  show: function () { dialog.style.display = 'block'; },
  hide: function () { dialog.style.display = 'none'; },
  renew: function () { document.cookie = 'CookieConsent=; max-age=0; path=/'; dialog.style.display = 'block'; }
};
var stored = read();
if (stored) { apply(stored); dialog.style.display = 'none'; } else dialog.style.display = 'block';
document.getElementById('cb-accept').onclick = function () { write(true, true, true); };
document.getElementById('cb-decline').onclick = function () { write(false, false, false); };
})();`;
}

function cookiebotShop(host: string, liar: boolean): Site {
  return {
    host,
    handle: routes({
      'GET /': () =>
        html(`<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>A shop with Cookiebot (documented surface)</title><link rel="icon" href="data:,">
<script type="text/plain" data-cookieconsent="statistics">${STATS_TAG}</script>
</head><body><main><h1>A shop with Cookiebot</h1></main>
<div id="CybotCookiebotDialog" style="display:none;position:fixed;bottom:0;left:0;right:0;background:#fff;border-top:1px solid #888;padding:1rem">
  <p>This website uses cookies.</p><button id="cb-decline">Use necessary cookies only</button> <button id="cb-accept">Allow all cookies</button>
</div>
<script src="/cookiebot-surface.js"></script>
</body></html>`),
      'GET /cookiebot-surface.js': () => ({ headers: { 'Content-Type': JS }, body: cookiebotSurface(liar) }),
      'GET /collect': collect,
    }),
  };
}

/** metabomb's real OneTrust groups (cmp-samples), the fields the documented GetDomainData() gives. */
function onetrustGroups(): string {
  const data = JSON.parse(readFileSync(path.join(SAMPLES, 'onetrust/metabomb_variantA_domaindata_en.json'), 'utf8'));
  const groups = (data.DomainData.Groups as Array<Record<string, unknown>>).map((g) => ({
    OptanonGroupId: g.OptanonGroupId,
    CustomGroupId: g.CustomGroupId,
    GroupName: g.GroupName,
    Status: g.Status,
  }));
  return JSON.stringify(groups);
}

function onetrustSurface(): string {
  return `(function () {
${RUN_TAGS}
var groups = ${onetrustGroups()};
var banner = document.getElementById('onetrust-banner-sdk');
function always(g) { return /always active/i.test(g.Status); }
function read() {
  var m = document.cookie.split('; ').find(function (p) { return p.indexOf('OptanonConsent=') === 0; });
  if (!m) return null;
  var out = {}, gs = new URLSearchParams(m.slice(15)).get('groups') || '';
  gs.split(',').forEach(function (p) { var kv = p.split(':'); if (kv.length === 2) out[kv[0]] = kv[1] === '1'; });
  return out;
}
function apply(state) {
  var active = groups.filter(function (g) { return always(g) || state[g.CustomGroupId]; }).map(function (g) { return g.CustomGroupId; });
  window.OnetrustActiveGroups = ',' + active.join(',') + ',';
  runTags('script[type="text/plain"][class^="optanon-category-"]', function (el) { return active.indexOf(el.className.slice(17)) >= 0; });
}
function write(state) {
  var gs = groups.map(function (g) { return g.CustomGroupId + ':' + (always(g) || state[g.CustomGroupId] ? 1 : 0); }).join(',');
  var v = 'isGpcEnabled=' + (navigator.globalPrivacyControl ? 1 : 0) + '&datestamp=' + encodeURIComponent(new Date().toString()) + '&version=6.5.0&isIABGlobal=false&hosts=&consentId=' + Math.random().toString(36).slice(2) + '&interactionCount=1&landingPath=NotLandingPage&groups=' + encodeURIComponent(gs) + '&AwaitingReconsent=false';
  document.cookie = 'OptanonConsent=' + v + '; max-age=31536000; path=/; samesite=lax';
  document.cookie = 'OptanonAlertBoxClosed=' + new Date().toISOString() + '; max-age=31536000; path=/; samesite=lax';
  apply(read());
  banner.style.display = 'none';
}
function all(on) { var s = {}; groups.forEach(function (g) { s[g.CustomGroupId] = on; }); return s; }
window.OneTrust = {
  RejectAll: function () { write(all(false)); },
  AllowAll: function () { write(all(true)); },
  UpdateConsent: function (type, payload) {
    if (type !== 'Category') return;
    var s = read() || all(false);
    String(payload).split(',').forEach(function (p) { var kv = p.split(':'); s[kv[0]] = kv[1] === '1'; });
    write(s);
  },
  GetDomainData: function () { return { Groups: groups }; },
  Close: function () { banner.style.display = 'none'; },
  OnConsentChanged: function () {}
};
var stored = read();
if (stored) { apply(stored); banner.style.display = 'none'; } else { apply({}); banner.style.display = 'block'; }
document.getElementById('onetrust-reject-all-handler').onclick = function () { OneTrust.RejectAll(); };
document.getElementById('onetrust-accept-btn-handler').onclick = function () { OneTrust.AllowAll(); };
})();`;
}

export function createOtShop(): Site {
  return {
    host: OT_SHOP_HOST,
    handle: routes({
      'GET /': () =>
        html(`<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>A shop with OneTrust (documented surface)</title><link rel="icon" href="data:,">
<script type="text/plain" class="optanon-category-2">${STATS_TAG}</script>
</head><body><main><h1>A shop with OneTrust</h1></main>
<div id="onetrust-banner-sdk" style="display:none;position:fixed;bottom:0;left:0;right:0;background:#fff;border-top:1px solid #888;padding:1rem">
  <p>We use cookies.</p><button id="onetrust-reject-all-handler">Reject All</button> <button id="onetrust-accept-btn-handler">Accept All Cookies</button>
</div>
<script src="/onetrust-surface.js"></script>
</body></html>`),
      'GET /onetrust-surface.js': () => ({ headers: { 'Content-Type': JS }, body: onetrustSurface() }),
      'GET /collect': collect,
    }),
  };
}

export const surfaceSites = (): Site[] => [cookiebotShop(CB_SHOP_HOST, false), cookiebotShop(CB_LIAR_HOST, true), createOtShop(), createCliShop()];

// ---- The long tail, through autoconsent's rules ---------------------------------------------------------

export const CLI_SHOP_HOST = 'cli-shop.test';

/**
 * cli-shop.test: WebToffee's "GDPR Cookie Consent" WordPress plugin (cookie-law-info; seed 002, Kopano, lists
 * its cookies), which we answer only through autoconsent's rule `cookie-law-info`: the bar
 * `#cookie-law-info-bar`, `window.CLI` with `disableAllCookies()` and `reject_close()`, the record cookies
 * `cookielawinfo-checkbox-<category>` (yes/no) and `viewed_cookie_policy`. A stand-in of that surface.
 */
export function createCliShop(): Site {
  const surface = `(function () {
var bar = document.getElementById('cookie-law-info-bar');
function set(name, value) { document.cookie = name + '=' + value + '; max-age=31536000; path=/'; }
window.CLI = {
  disableAllCookies: function () { ['non-necessary', 'analytics', 'advertisement'].forEach(function (c) { set('cookielawinfo-checkbox-' + c, 'no'); }); set('cookielawinfo-checkbox-necessary', 'yes'); },
  reject_close: function () { set('viewed_cookie_policy', 'no'); bar.style.display = 'none'; },
  accept_close: function () { ['non-necessary', 'analytics', 'advertisement'].forEach(function (c) { set('cookielawinfo-checkbox-' + c, 'yes'); }); set('viewed_cookie_policy', 'yes'); bar.style.display = 'none';
    ${STATS_TAG} }
};
bar.style.display = /viewed_cookie_policy=/.test(document.cookie) ? 'none' : 'block';
document.querySelector('[data-cli_action="accept"]').onclick = function () { CLI.accept_close(); };
document.querySelector('[data-cli_action="reject"]').onclick = function () { CLI.disableAllCookies(); CLI.reject_close(); };
})();`;
  return {
    host: CLI_SHOP_HOST,
    handle: routes({
      'GET /': () =>
        html(`<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>A shop with GDPR Cookie Consent</title><link rel="icon" href="data:,"></head>
<body><main><h1>A shop with GDPR Cookie Consent</h1></main>
<div id="cookie-law-info-bar" style="display:none;position:fixed;bottom:0;left:0;right:0;background:#fff;border-top:1px solid #888;padding:1rem">
  <span>This website uses cookies to improve your experience.</span>
  <a role="button" data-cli_action="reject" id="cookie_action_close_header_reject">Reject</a>
  <a role="button" data-cli_action="accept" id="cookie_action_close_header">Accept</a>
</div>
<script src="/cli-surface.js"></script>
</body></html>`),
      'GET /cli-surface.js': () => ({ headers: { 'Content-Type': JS }, body: surface }),
      'GET /collect': collect,
    }),
  };
}
