import { describe, expect, it } from 'vitest';
import { findCmpPointers } from './cmp-pointers';
import { pageFactsFromHtml, validatePageFacts } from './page-facts';
import { readJsValue } from '../read/js-object';
import { parseCmp } from '../read/cmp/detect';

const PAGE = 'https://www.example.com/shop/';
const CBID = '1a2b3c4d-0000-4000-8000-0123456789ab';
const OT = '32083dcf-5370-4a31-b304-4d087dae7d42';

const pointers = (head: string) => findCmpPointers(pageFactsFromHtml(`<html lang="de"><head>${head}</head><body></body></html>`, PAGE));

describe('findCmpPointers', () => {
  it('finds nothing on a page without a consent platform (control)', () => {
    expect(pointers('<script src="/app.js"></script><script>var x = {a: 1};</script>')).toEqual([]);
  });

  it('Cookiebot: data-cbid on uc.js gives cc.js on the same CDN, with the page as Referer', () => {
    expect(pointers(`<script id="Cookiebot" src="https://consent.cookiebot.com/uc.js" data-cbid="${CBID}" data-blockingmode="auto"></script>`)).toEqual([
      { platform: 'cookiebot', cbid: CBID, url: `https://consent.cookiebot.com/${CBID}/cc.js?referer=www.example.com`, referer: 'https://www.example.com/' },
    ]);
    // .eu CDN and a cc.js URL in the page itself (its referer parameter wins)
    expect(pointers(`<script src="https://consent.cookiebot.eu/${CBID}/cc.js?referer=example.com"></script>`)[0]).toMatchObject({
      url: `https://consent.cookiebot.eu/${CBID}/cc.js?referer=example.com`,
    });
    expect(pointers(`<script src="https://consent.cookiebot.com/uc.js?cbid=${CBID}"></script>`)[0]).toMatchObject({ cbid: CBID });
  });

  it('Cookiebot: ignores a cbid that is not a UUID', () => {
    expect(pointers('<script src="https://consent.cookiebot.com/uc.js" data-cbid="../../etc"></script>')).toEqual([]);
  });

  it('OneTrust: otSDKStub.js data-domain-script gives the ruleset on the same CDN', () => {
    expect(pointers(`<script src="https://cdn.cookielaw.org/scripttemplates/otSDKStub.js" data-domain-script="${OT}-test" charset="UTF-8"></script>`)).toEqual([
      { platform: 'onetrust', domainId: `${OT}-test`, rulesetUrl: `https://cdn.cookielaw.org/consent/${OT}-test/${OT}-test.json` },
    ]);
    expect(pointers(`<script src="https://cdn-ukwest.onetrust.com/scripttemplates/otSDKStub.js" data-domain-script="${OT}"></script>`)[0]).toMatchObject({
      rulesetUrl: `https://cdn-ukwest.onetrust.com/consent/${OT}/${OT}.json`,
    });
  });

  it('CookieYes and Termly scripts', () => {
    expect(pointers('<script id="cookieyes" src="https://cdn-cookieyes.com/client_data/0123abcd4567ef89/script.js"></script>')).toEqual([
      { platform: 'cookieyes', url: 'https://cdn-cookieyes.com/client_data/0123abcd4567ef89/script.js' },
    ]);
    expect(pointers(`<script src="https://app.termly.io/embed.min.js" data-auto-block="on" data-website-uuid="${CBID}"></script>`)).toEqual([
      { platform: 'termly', websiteUuid: CBID, apiUrl: `https://app.termly.io/api/v1/snippets/websites/${CBID}` },
    ]);
    expect(pointers(`<script src="https://app.termly.io/resource-blocker/${CBID}?autoBlock=on"></script>`)[0]).toMatchObject({ platform: 'termly' });
  });

  it('Klaro config inline, functions and regexes included, reads as the Klaro reader expects', () => {
    const found = pointers(`<script>
      var klaroConfig = {
        version: 1, elementID: 'klaro', storageMethod: 'cookie',
        translations: { en: { purposes: { analytics: 'Analytics' } } },
        services: [
          { name: 'matomo', title: "Matomo", purposes: ['analytics'],
            cookies: [[/^_pk_.*$/, '/', 'example.com'], '_pk_ses'],
            callback: function (consent, service) { console.log('x}', consent); } },
          { name: 'session', purposes: [], required: true, cookies: ['sid'], onAccept: (a) => { a(); } },
        ],
      };
    </script>`);
    expect(found).toHaveLength(1);
    expect(found[0]!.platform).toBe('klaro');
    const d = parseCmp((found[0] as { json: string }).json, PAGE)!;
    expect(d.sources[0]!.kind).toBe('klaro');
    expect(d.cookies.map((c) => c.name)).toEqual(expect.arrayContaining(['_pk_ses', 'sid']));
    expect(d.cookies.find((c) => c.name === 'sid')?.purpose).toBe('essential');
  });

  it('vanilla-cookieconsent v3 run() config inline', () => {
    const found = pointers(`<script type="module">
      CookieConsent.run({
        categories: { necessary: { readOnly: true }, analytics: { autoClear: { cookies: [{ name: /^_ga/ }, { name: '_gid' }] } } },
        language: { default: 'en', translations: { en: { consentModal: { title: 'Cookies' } } } },
        onConsent: ({cookie}) => {},
      });
    </script>`);
    expect(found.map((p) => p.platform)).toEqual(['vanilla-cookieconsent']);
    const d = parseCmp((found[0] as { json: string }).json, PAGE)!;
    expect(d.cookies.map((c) => c.name)).toEqual(expect.arrayContaining(['_gid']));
  });

  it('tarteaucitron services defined in the page', () => {
    const found = pointers(`<script>
      tarteaucitron.init({ privacyUrl: '/privacy', hashtag: '#tarteaucitron' });
      tarteaucitron.services.mystats = { key: 'mystats', type: 'analytic', name: 'My stats', uri: 'https://x', needConsent: true,
        cookies: ['_my_id', '_my_ses'], js: function () { 'use strict'; }, fallback: function () {} };
      (tarteaucitron.job = tarteaucitron.job || []).push('mystats');
    </script>`);
    expect(found.map((p) => p.platform)).toEqual(['tarteaucitron']);
    const d = parseCmp((found[0] as { json: string }).json, PAGE)!;
    expect(d.cookies.map((c) => c.name)).toEqual(['_my_id', '_my_ses']);
  });

  it('Complianz settings name the cookie statement page', () => {
    const found = pointers(`<script id="cmplz-cookiebanner-js-extra">
      var complianz = {"prefix":"cmplz_","page_links":{"eu":{"cookie-statement":{"title":"Cookie Policy ","url":"https:\\/\\/www.example.com\\/cookie-policy-eu\\/"}}}};
    </script>`);
    expect(found).toEqual([{ platform: 'complianz', url: 'https://www.example.com/cookie-policy-eu/' }]);
  });
});

describe('readJsValue', () => {
  it('reads data and turns code into null', () => {
    const text = `{a: 1, 'b': "two", c: [true, null, undefined], d: /x\\/y[/]/gi, e: function () { return {}; }, f: x => x, g: window.foo, h: \`t\`, __proto__: {p: 1}, get k() { return 1 }}`;
    expect(readJsValue(text, 0)?.value).toEqual({ a: 1, b: 'two', c: [true, null, null], d: { regex: 'x\\/y[/]' }, e: null, f: null, g: null, h: 't', k: null });
  });
  it('gives up on broken or endless input without throwing', () => {
    expect(readJsValue('{a: [1, 2', 0)).toBeNull();
    expect(readJsValue('['.repeat(10_000), 0)).toBeNull();
    expect(readJsValue('{a: "x\ny"}', 0)).toBeNull();
  });
});

describe('validatePageFacts', () => {
  it('bounds and type-checks what a content script sent', () => {
    const facts = validatePageFacts({
      url: 'https://example.com/',
      lang: 'en'.repeat(100),
      links: [{ href: 'https://example.com/cookies', text: 'Cookies' }, { href: 42 }, null],
      scripts: [
        { src: '', id: 'x', attrs: { 'data-cbid': 'abc', onload: 'evil()', 'data-x': 7 }, text: 'a'.repeat(400_000) },
        { src: 'https://cdn/x.js', text: 'ignored for external scripts' },
      ],
    })!;
    expect(facts.lang.length).toBeLessThanOrEqual(35);
    expect(facts.links).toHaveLength(1);
    expect(facts.scripts[0]!.attrs).toEqual({ 'data-cbid': 'abc' });
    expect(facts.scripts[0]!.text.length).toBe(256 * 1024);
    expect(facts.scripts[1]!.text).toBe('');
    expect(validatePageFacts({ url: 1, links: [] })).toBeNull();
    expect(validatePageFacts(null)).toBeNull();
  });
});

describe('CookieYes script', () => {
  it('reads the categories of a 2021+ script store', () => {
    const script = `!function(){var _ckyStore = {_categories: [{"slug":"necessary","isNecessary":true,"cookies":[{"cookieID":"cookieyes-consent","domain":"example.com"}]},
      {"slug":"analytics","cookies":[{"cookieID":"_ga","domain":".example.com"},{"cookieID":"_gid","domain":".example.com"}]}],
      _providersToBlock: [{"re":"hotjar.com","categories":["analytics"]}]};}();`;
    const d = parseCmp(script, 'https://cdn-cookieyes.com/client_data/x/script.js')!;
    expect(d.sources[0]!.kind).toBe('cookieyes');
    expect(d.cookies.map((c) => [c.name, c.purpose])).toEqual([['cookieyes-consent', 'essential'], ['_ga', 'analytics'], ['_gid', 'analytics']]);
  });
  it('recognises nothing in prose that quotes the format', () => {
    expect(parseCmp('CookieYes: `_ckyStore._categories = [{"slug": "necessary"|"functional"}]`', 'u')).toBeNull();
  });
});

describe('Termly cookie list', () => {
  it('reads the documented categories', () => {
    const json = JSON.stringify({ cookies: {
      essential: [{ name: '__cf_bm', tracker_type: 'http_cookie', domain: '.example.com', en_us: 'bot protection', expire: '30 minutes' }],
      analytics: [{ name: '_ga', tracker_type: 'http_cookie', service: 'Google Analytics', expire: '2 years' }, { name: 'ls_key', tracker_type: 'html_local_storage' }],
      social_networking: [{ name: '_fbp', tracker_type: 'http_cookie' }],
    } });
    const d = parseCmp(json, 'https://app.termly.io/api/v1/snippets/websites/x/documents/y/cookies')!;
    expect(d.sources[0]!.kind).toBe('termly');
    expect(d.cookies.map((c) => [c.name, c.purpose])).toEqual([['__cf_bm', 'essential'], ['_ga', 'analytics'], ['_fbp', 'advertising']]);
    expect(d.storage.map((s) => s.key)).toEqual(['ls_key']);
  });
});

describe('hostile pages', () => {
  it('readJsValue and findCmpPointers never throw on token soup', async () => {
    const fc = (await import('fast-check')).default;
    const tokens = ['{', '}', '[', ']', '(', ')', ',', ':', ';', '"', "'", '`', '${', '/', '//', '/*', '*/', '\\', '\n', 'a', '1', '-', '.',
      'function', '=>', 'klaroConfig = ', 'CookieConsent.run(', 'tarteaucitron.services.x = ', 'var complianz = ', 'key: "k"', 'cookies: [',
      'services: [', 'categories: {', '/^_ga/', 'null', 'true', '__proto__: ', 'get x() ', '...'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...tokens), { maxLength: 200 }), (parts) => {
        const text = parts.join('');
        readJsValue(text, 0);
        findCmpPointers({ url: 'https://example.com/', lang: '', links: [], scripts: [{ src: '', id: '', attrs: {}, text }] });
      }),
      { numRuns: 300 },
    );
  });

  it('a deeply nested config is refused quickly', () => {
    const t0 = Date.now();
    const text = 'var klaroConfig = ' + '{a:'.repeat(100_000) + '1' + '}'.repeat(100_000) + ';';
    expect(findCmpPointers({ url: 'https://example.com/', lang: '', links: [], scripts: [{ src: '', id: '', attrs: {}, text }] })).toEqual([]);
    expect(Date.now() - t0).toBeLessThan(2_000);
  });
});
