/**
 * Issue 11: enforcement before the network. Three sites with real logins.
 *
 * market.test  a shop. Every page's script sets `_ga` and `_fbp` by `document.cookie` and at once calls
 *              `fetch('/collect')`, and shows a tracker.test pixel (a refused third party). POST /login
 *              answers 303 setting the session (`session`, HttpOnly), a CSRF token AND an advertising cookie
 *              (`_gcl_au`, Domain=market.test) that would ride on the redirected request. `#status` says who
 *              is signed in; /p/1 … /p/5 are pages to browse; /logout signs out; /cookie-policy declares it all.
 * auth.test    an identity provider: GET /authorize?return=<url> asks for a login (or answers at once when
 *              signed in), POST /login sets `idp_session` and redirects back with a one-time code.
 * app.test     an app that signs in through auth.test (as SSO does): /callback?code= sets `app_session`.
 *
 * Use the pages over HTTPS (the tracker's third-party cookie must be Secure + SameSite=None); the policy is
 * linked over http (Chromium's extension fetch does not accept the test server's self-signed certificate).
 */
import { esc, html, page, redirect, routes, token, type Handler, type Site, type SiteContext } from '../site';
import { TRACKER_HOST } from './ownership';

export const MARKET_HOST = 'market.test';
export const AUTH_HOST = 'auth.test';
export const APP_HOST = 'app.test';

/** What every market.test page runs: analytics and advertising cookies by script, then a beacon at once. */
export const MARKET_SCRIPT = `
document.cookie = '_ga=GA1.1.' + Math.floor(Math.random() * 1e9) + '.' + Math.floor(Date.now() / 1000) + '; max-age=63072000; path=/';
document.cookie = '_fbp=fb.1.' + Date.now() + '.' + Math.floor(Math.random() * 1e9) + '; max-age=7776000; path=/';
fetch('/collect?page=' + encodeURIComponent(location.pathname), { credentials: 'include' }).catch(function () {});
document.getElementById('cookies').textContent = document.cookie || '(none)';
`;

function marketPage(ctx: SiteContext, title: string, user: string | undefined, main: string): string {
  const nav = [1, 2, 3, 4, 5].map((n) => `<a id="p${n}" href="/p/${n}">Page ${n}</a>`).join(' ');
  return page({
    title: `Market — ${title}`,
    report: true,
    script: MARKET_SCRIPT,
    body: `<header><a href="/">Market</a> ${nav}</header>
<main>
<p id="status">${user ? `Signed in as ${esc(user)}` : 'Not signed in'}</p>
${main}
<p>Cookies this page can see: <code id="cookies"></code></p>
<img id="pixel" alt="" width="1" height="1" src="${esc(ctx.url(TRACKER_HOST, '/pixel.svg', true))}">
</main>
<footer><a href="${esc(ctx.url(MARKET_HOST, '/cookie-policy'))}">Cookie policy</a></footer>`,
  });
}

const MARKET_POLICY = `<h1>Cookie policy</h1>
<h2>Strictly necessary cookies</h2>
<table><tr><th>Name</th><th>Purpose</th><th>Duration</th></tr>
<tr><td>session</td><td>Keeps you signed in</td><td>Session</td></tr>
<tr><td>csrf_token</td><td>Protects your forms against cross-site request forgery</td><td>Session</td></tr></table>
<h2>Analytics cookies</h2>
<table><tr><th>Name</th><th>Provider</th><th>Purpose</th><th>Duration</th></tr>
<tr><td>_ga</td><td>Google Analytics</td><td>Counts visits</td><td>2 years</td></tr></table>
<h2>Advertising cookies</h2>
<table><tr><th>Name</th><th>Provider</th><th>Purpose</th><th>Duration</th></tr>
<tr><td>_fbp</td><td>Meta</td><td>Advertising</td><td>3 months</td></tr>
<tr><td>_gcl_au</td><td>Google Ads</td><td>Conversion tracking</td><td>3 months</td></tr></table>`;

export function createMarket(): Site {
  const sessions = new Map<string, string>();
  const userOf = (cookies: Record<string, string>) => sessions.get(cookies['session'] ?? '');
  const browse: Handler = (req, ctx) => html(marketPage(ctx, req.pathname, userOf(req.cookies), `<h1>${esc(req.pathname)}</h1>`));
  const table: Record<string, Handler> = {
    'GET /': (req, ctx) => {
      const user = userOf(req.cookies);
      return html(
        marketPage(
          ctx,
          'Home',
          user,
          `<h1>Market</h1>
${
  user
    ? '<a id="logout" href="/logout">Sign out</a>'
    : `<form method="post" action="/login"><input id="username" name="username"><input id="password" name="password" type="password">
<button id="login" type="submit">Sign in</button></form>`
}`,
        ),
      );
    },
    'POST /login': (req) => {
      const user = new URLSearchParams(req.body).get('username') || 'someone';
      const sid = token();
      sessions.set(sid, user);
      return redirect('/account', {
        'Set-Cookie': [
          `session=${sid}; HttpOnly; Secure; Path=/; SameSite=Lax`,
          `csrf_token=${token(8)}; Secure; Path=/; SameSite=Lax`,
          `_gcl_au=1.1.${Math.floor(Math.random() * 1e9)}.${Math.floor(Date.now() / 1000)}; Domain=${MARKET_HOST}; Path=/; Max-Age=7776000; SameSite=Lax`,
        ],
      });
    },
    'GET /account': (req, ctx) => html(marketPage(ctx, 'Account', userOf(req.cookies), '<h1>Your account</h1>')),
    'GET /logout': (req) => {
      sessions.delete(req.cookies['session'] ?? '');
      return redirect('/', { 'Set-Cookie': ['session=; Path=/; Max-Age=0; Secure', 'csrf_token=; Path=/; Max-Age=0; Secure'] });
    },
    'GET /collect': () => ({ status: 204 }),
    'GET /cookie-policy': () => html(page({ title: 'Market — cookie policy', body: MARKET_POLICY })),
  };
  for (let n = 1; n <= 5; n++) table[`GET /p/${n}`] = browse;
  return { host: MARKET_HOST, handle: routes(table) };
}

export interface AuthSite extends Site {
  /** The app redeems a one-time code for the user it stands for (a back channel, as OAuth's token request). */
  redeem(code: string): string | undefined;
}

export function createAuth(): AuthSite {
  const sessions = new Map<string, string>();
  /** one-time codes the app redeems: code → user */
  const codes = new Map<string, string>();
  const back = (returnUrl: string, user: string) => {
    const code = token(8);
    codes.set(code, user);
    const u = new URL(returnUrl);
    u.searchParams.set('code', code);
    return u.toString();
  };
  const site: AuthSite = {
    host: AUTH_HOST,
    redeem(code) {
      const user = codes.get(code);
      codes.delete(code);
      return user;
    },
    handle: routes({
      'GET /authorize': (req) => {
        const returnUrl = req.query.get('return') ?? '';
        if (!/^https?:\/\/app\.test(:\d+)?\//.test(returnUrl)) return { status: 400, body: 'bad return URL\n' };
        const user = sessions.get(req.cookies['idp_session'] ?? '');
        if (user) return redirect(back(returnUrl, user));
        return html(
          page({
            title: 'Auth — sign in',
            body: `<h1>Sign in to continue to the app</h1>
<form method="post" action="/login"><input type="hidden" name="return" value="${esc(returnUrl)}">
<input id="username" name="username"><input id="password" name="password" type="password">
<button id="login" type="submit">Sign in</button></form>`,
          }),
        );
      },
      'POST /login': (req) => {
        const form = new URLSearchParams(req.body);
        const returnUrl = form.get('return') ?? '';
        if (!/^https?:\/\/app\.test(:\d+)?\//.test(returnUrl)) return { status: 400, body: 'bad return URL\n' };
        const user = form.get('username') || 'someone';
        const sid = token();
        sessions.set(sid, user);
        return redirect(back(returnUrl, user), { 'Set-Cookie': `idp_session=${sid}; HttpOnly; Secure; Path=/; SameSite=Lax` });
      },
    }),
  };
  return site;
}

export function createApp(auth: AuthSite): Site {
  const sessions = new Map<string, string>();
  const userOf = (cookies: Record<string, string>) => sessions.get(cookies['app_session'] ?? '');
  const view: Handler = (req, ctx) => {
    const user = userOf(req.cookies);
    const signIn = ctx.url(AUTH_HOST, `/authorize?return=${encodeURIComponent(ctx.url(APP_HOST, '/callback', true))}`, true);
    return html(
      page({
        title: 'App',
        script: `document.cookie = '_ga=GA1.1.' + Math.floor(Math.random() * 1e9) + '; max-age=63072000; path=/';`,
        body: `<h1>App ${esc(req.pathname)}</h1>
<p id="status">${user ? `Signed in as ${esc(user)}` : 'Not signed in'}</p>
${user ? '' : `<a id="sso" href="${esc(signIn)}">Sign in with Auth</a>`}
${[1, 2, 3, 4, 5].map((n) => `<a id="p${n}" href="/p/${n}">Page ${n}</a>`).join(' ')}`,
      }),
    );
  };
  const table: Record<string, Handler> = {
    'GET /': view,
    'GET /callback': (req) => {
      const user = auth.redeem(req.query.get('code') ?? '');
      if (!user) return { status: 403, body: 'unknown code\n' };
      const sid = token();
      sessions.set(sid, user);
      return redirect('/', { 'Set-Cookie': `app_session=${sid}; HttpOnly; Secure; Path=/; SameSite=Lax` });
    },
  };
  for (let n = 1; n <= 5; n++) table[`GET /p/${n}`] = view;
  return { host: APP_HOST, handle: routes(table) };
}

export function enforceSites(): Site[] {
  const auth = createAuth();
  return [createMarket(), auth, createApp(auth)];
}
