/**
 * Sites that each point to their cookie declaration in one of the ways issue 5 names, and sites whose
 * policy server fails. Every home page HTTP-sets one essential cookie and script-sets the others.
 *
 * purplemath.test    Cookiebot (`uc.js` data-cbid → consent.cookiebot.test cc.js) plus a "Cookie Policy" page
 * metabomb.test      OneTrust (`otSDKStub.js` data-domain-script → cdn.cookielaw.test JSON), no policy link
 * usualpath.test     no link at all; the policy sits at /legal/cookies (www.usualpath.test: the same site)
 * privacyhop.test    links only "Privacy Policy" (seed 001), which links the cookie policy (seed 000)
 * baeckerei.test     German only: "Cookie-Richtlinie" → /rechtliches/cookie-richtlinie
 * nopolicy.test      no consent platform, no link, nothing at the usual paths
 * status500.test     "Cookie Policy" answers 500
 * hanging.test       "Cookie Policy" never answers
 * huge.test          "Cookie Policy" streams 50 MB (chunked, paced by the reader)
 * redirectloop.test  "Cookie Policy" redirects to itself forever
 * changing.test      "Cookie Policy" with an ETag (304 when it matches); POST /__bump publishes version 2
 *                    (+_fbp, -_gid); GET /__log says how many 200s and 304s it served
 * Every failing site counts its policy requests: GET /__count → { count, bytes }.
 */
import { esc, HANDLED, html, page, redirect, routes, type Handler, type Site } from '../site';
import { COOKIEBOT_HOST, METABOMB_DOMAIN_ID, ONETRUST_HOST, PURPLEMATH_CBID, PURPLEMATH_HOST } from './cmp-cdns';
import { COOKIE_POLICY as SEED_000, PRIVACY_POLICY as SEED_001 } from './syncronis';

const CSS = `body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 46rem; line-height: 1.5; color: #222; }
table { border-collapse: collapse; } th, td { border: 1px solid #bbb; padding: .3rem .5rem; text-align: left; }
footer { margin-top: 2rem; border-top: 1px solid #ddd; padding-top: .5rem; } footer a { margin-right: 1rem; }`;

interface HomeOptions {
  title: string;
  lang?: string;
  /** Extra markup in <body> before the content (consent-platform script tags). */
  head?: string;
  /** Footer links: [href, text]. */
  links?: Array<[string, string]>;
  /** Cookies the page script sets: name → max-age seconds. */
  scriptCookies?: Record<string, number>;
}

function home(o: HomeOptions): string {
  const sets = Object.entries(o.scriptCookies ?? {})
    .map(([name, age]) => `document.cookie = ${JSON.stringify(`${name}=`)} + Math.random().toString(36).slice(2) + '; max-age=${age}; path=/';`)
    .join('\n');
  const body = `${o.head ?? ''}
<h1>${esc(o.title)}</h1>
<p id="status">Welcome.</p>
<footer>${(o.links ?? []).map(([href, text]) => `<a href="${esc(href)}">${esc(text)}</a>`).join('\n')}</footer>`;
  return page({ title: o.title, css: CSS, body, script: sets || undefined }).replace('<html lang="en">', `<html lang="${esc(o.lang ?? 'en')}">`);
}

function policyPage(title: string, main: string, lang = 'en'): string {
  return page({ title, css: CSS, body: main }).replace('<html lang="en">', `<html lang="${lang}">`);
}

const session = (name: string) => `${name}=${Math.random().toString(36).slice(2)}; Path=/; HttpOnly; SameSite=Lax`;

// ---- Consent platforms -------------------------------------------------------------------------

/** Cookiebot: the declaration comes from cc.js; the site's own page adds one cookie of its own. */
export function createPurplemath(): Site {
  return {
    host: PURPLEMATH_HOST,
    handle: routes({
      'GET /': (_req, ctx) =>
        html(
          home({
            title: 'Purplemath — practical algebra lessons',
            head: `<script id="Cookiebot" src="${esc(ctx.url(COOKIEBOT_HOST, '/uc.js'))}" data-cbid="${PURPLEMATH_CBID}" data-blockingmode="auto" type="text/javascript"></script>`,
            links: [['/cookie-policy', 'Cookie Policy']],
            scriptCookies: { _ga: 63072000, __gads: 34190000, cart_id: 86400, _fbp: 7776000 },
          }),
          { 'Set-Cookie': [session('PHPSESSID'), `CookieConsent=${encodeURIComponent("{stamp:'-1',necessary:true}")}; Path=/; Max-Age=31536000`] },
        ),
      'GET /cookie-policy': () =>
        html(
          policyPage(
            'Cookie Policy — Purplemath',
            `<h1>Cookie Policy</h1>
<p>Our consent banner (Cookiebot) lists the cookies of our partners. The shop adds one of its own:</p>
<table><thead><tr><th>Name</th><th>Purpose</th><th>Duration</th></tr></thead>
<tbody><tr><td>cart_id</td><td>Strictly necessary: keeps the items in your basket</td><td>1 day</td></tr></tbody></table>`,
          ),
        ),
    }),
  };
}

/** OneTrust: the declaration is the language JSON its ruleset points to; no policy link on the page. */
export function createMetabomb(): Site {
  return {
    host: 'metabomb.test',
    handle: routes({
      'GET /': (_req, ctx) => {
        // Over http: the extension's background fetch would not accept the demo server's self-signed certificate.
        const stub = ctx.url(ONETRUST_HOST, '/scripttemplates/otSDKStub.js');
        return html(
          home({
            title: 'Metabomb — games news',
            head: `<script src="${esc(stub)}" data-domain-script="${METABOMB_DOMAIN_ID}" type="text/javascript" charset="UTF-8"></script>`,
            scriptCookies: { _ga: 63072000, __gads: 34190000, _hjid: 31536000 },
          }),
          { 'Set-Cookie': [`OptanonAlertBoxClosed=${new Date().toISOString()}; Path=/; Max-Age=31536000`] },
        );
      },
    }),
  };
}

// ---- Pages -------------------------------------------------------------------------------------

const SIMPLE_TABLE = (rows: Array<[string, string, string]>) =>
  `<table><thead><tr><th>Name</th><th>Purpose</th><th>Duration</th></tr></thead><tbody>
${rows.map(([n, p, d]) => `<tr><td>${esc(n)}</td><td>${esc(p)}</td><td>${esc(d)}</td></tr>`).join('\n')}
</tbody></table>`;

/** The policy only at a usual path, and no link to it. The same site answers on www.usualpath.test. */
export function createUsualPath(host = 'usualpath.test'): Site {
  return {
    host,
    handle: routes({
      'GET /': () =>
        html(home({ title: 'Usual Path Outfitters', scriptCookies: { _ga: 63072000, _hjid: 31536000 } }), { 'Set-Cookie': [session('sessionid')] }),
      'GET /legal/cookies': () =>
        html(
          policyPage(
            'Cookies — Usual Path Outfitters',
            `<h1>Cookie Policy</h1>${SIMPLE_TABLE([
              ['sessionid', 'Strictly necessary: keeps you signed in', 'Session'],
              ['_ga', 'Analytics: Google Analytics, tells visitors apart', '2 years'],
            ])}`,
          ),
        ),
    }),
  };
}

/** Only a privacy policy is linked (seed 001); it links the cookie policy (seed 000). */
export function createPrivacyHop(): Site {
  return {
    host: 'privacyhop.test',
    handle: routes({
      'GET /': () =>
        html(home({ title: 'Privacy Hop', links: [['/privacy-policy', 'Privacy Policy']], scriptCookies: { _ga: 63072000, _hjid: 31536000 } }), {
          'Set-Cookie': [session('session')],
        }),
      'GET /privacy-policy': () => html(policyPage('Privacy Policy', SEED_001)),
      'GET /cookie-policy': () => html(policyPage('Cookie Policy', SEED_000)),
    }),
  };
}

/** German only: the link says "Cookie-Richtlinie", at a path no usual-path list has. */
export function createBaeckerei(): Site {
  return {
    host: 'baeckerei.test',
    handle: routes({
      'GET /': () =>
        html(
          home({
            title: 'Bäckerei Krume',
            lang: 'de',
            links: [
              ['/impressum', 'Impressum'],
              ['/rechtliches/cookie-richtlinie', 'Cookie-Richtlinie'],
            ],
            scriptCookies: { warenkorb: 86400, _pk_id: 33696000, _fbp: 7776000 },
          }),
          { 'Set-Cookie': [session('PHPSESSID')] },
        ),
      'GET /impressum': () => html(policyPage('Impressum', '<h1>Impressum</h1><p>Bäckerei Krume, Hauptstraße 1.</p>', 'de')),
      'GET /rechtliches/cookie-richtlinie': () =>
        html(
          policyPage(
            'Cookie-Richtlinie — Bäckerei Krume',
            `<h1>Cookie-Richtlinie</h1>
<p>Wir verwenden Cookies, damit unser Online-Shop funktioniert, und – nur mit Ihrer Einwilligung – zur Statistik.</p>
<h2>Notwendige Cookies</h2>
<table><thead><tr><th>Name</th><th>Zweck</th><th>Speicherdauer</th></tr></thead><tbody>
<tr><td>PHPSESSID</td><td>Sitzung</td><td>Sitzung</td></tr>
<tr><td>warenkorb</td><td>Speichert Ihren Warenkorb</td><td>1 Tag</td></tr>
</tbody></table>
<h2>Statistik-Cookies</h2>
<table><thead><tr><th>Name</th><th>Zweck</th><th>Speicherdauer</th></tr></thead><tbody>
<tr><td>_pk_id</td><td>Matomo: erkennt wiederkehrende Besucher</td><td>13 Monate</td></tr>
</tbody></table>`,
            'de',
          ),
        ),
    }),
  };
}

/** No policy anywhere. */
export function createNoPolicy(): Site {
  return {
    host: 'nopolicy.test',
    handle: routes({
      'GET /': () => html(home({ title: 'No Policy Co.', scriptCookies: { _ga: 63072000 } }), { 'Set-Cookie': [session('sid')] }),
    }),
  };
}

// ---- Failing policy servers ------------------------------------------------------------------------

interface Counter {
  count: number;
  bytes: number;
}

function failingSite(host: string, title: string, policy: (c: Counter) => Handler): Site {
  const counter: Counter = { count: 0, bytes: 0 };
  const serve = policy(counter);
  return {
    host,
    handle: routes({
      'GET /': () =>
        html(home({ title, links: [['/cookie-policy', 'Cookie Policy']], scriptCookies: { _ga: 63072000 } }), { 'Set-Cookie': [session('sid')] }),
      'GET /cookie-policy': (req, ctx) => {
        counter.count++;
        return serve(req, ctx);
      },
      'GET /__count': () => ({ headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(counter) }),
    }),
  };
}

export function createStatus500(): Site {
  return failingSite('status500.test', 'Status 500 Ltd', () => () => ({ status: 500, headers: { 'Content-Type': 'text/html' }, body: '<h1>Internal Server Error</h1>' }));
}

export function createHanging(): Site {
  // Never answers: the request stays open until the client gives up or the server closes.
  return failingSite('hanging.test', 'Hanging Gardens', () => () => new Promise<typeof HANDLED>(() => undefined));
}

export function createHuge(): Site {
  return failingSite('huge.test', 'Huge Pages Inc', (counter) => (req) => {
    const res = req.res;
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
    res.write('<!DOCTYPE html><html><body><h1>Cookie Policy</h1><p>');
    const chunk = Buffer.alloc(64 * 1024, 'a');
    let left = 50 * 1024 * 1024;
    const pump = (): void => {
      while (left > 0 && !res.destroyed) {
        left -= chunk.length;
        counter.bytes += chunk.length;
        if (!res.write(chunk)) {
          res.once('drain', pump);
          return;
        }
      }
      if (!res.destroyed) res.end('</p></body></html>');
    };
    res.on('close', () => (left = 0));
    pump();
    return HANDLED;
  });
}

export function createRedirectLoop(): Site {
  return failingSite('redirectloop.test', 'Redirect Loop GmbH', () => (req) => redirect(`/cookie-policy?n=${Number(req.query.get('n') ?? 0) + 1}`, {}, 302));
}

// ---- A policy that changes -------------------------------------------------------------------------

const VERSIONS: Record<number, Array<[string, string, string]>> = {
  1: [
    ['session', 'Strictly necessary: keeps you signed in', 'Session'],
    ['_ga', 'Analytics: Google Analytics', '2 years'],
    ['_gid', 'Analytics: Google Analytics', '1 day'],
  ],
  2: [
    ['session', 'Strictly necessary: keeps you signed in', 'Session'],
    ['_ga', 'Analytics: Google Analytics', '2 years'],
    ['_fbp', 'Advertising: Facebook pixel', '3 months'],
  ],
};

export function createChanging(): Site {
  let version = 1;
  const log = { full: 0, notModified: 0, conditional: 0 };
  return {
    host: 'changing.test',
    handle: routes({
      'GET /': () =>
        html(home({ title: 'Changing Times', links: [['/cookie-policy', 'Cookie Policy']], scriptCookies: { _ga: 63072000, _fbp: 7776000 } }), {
          'Set-Cookie': [session('session')],
        }),
      'GET /cookie-policy': (req) => {
        const etag = `"v${version}"`;
        if (req.headers['if-none-match']) log.conditional++;
        if (req.headers['if-none-match'] === etag) {
          log.notModified++;
          return { status: 304, headers: { ETag: etag }, body: '' };
        }
        log.full++;
        return html(policyPage('Cookie Policy — Changing Times', `<h1>Cookie Policy</h1>${SIMPLE_TABLE(VERSIONS[version]!)}`), {
          ETag: etag,
          'Cache-Control': 'no-cache',
        });
      },
      'POST /__bump': () => {
        version = version === 1 ? 2 : 1;
        return { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ version }) };
      },
      'GET /__log': () => ({ headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ version, ...log }) }),
    }),
  };
}

export function discoverySites(): Site[] {
  return [
    createPurplemath(),
    createMetabomb(),
    createUsualPath(),
    createUsualPath('www.usualpath.test'),
    createPrivacyHop(),
    createBaeckerei(),
    createNoPolicy(),
    createStatus500(),
    createHanging(),
    createHuge(),
    createRedirectLoop(),
    createChanging(),
  ];
}
