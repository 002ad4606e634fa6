/**
 * Issue 8's scenario: a careless (or hostile) site's policy claims another site's login cookies.
 *
 * login-a.test   a shop with a real login. GET / shows "Signed in as <name>" or the form; POST /login sets
 *                `session` (HttpOnly) and `basket`, 303 → /. /cookie-policy declares both strictly necessary.
 *                GET /logo.svg is the image other sites embed. Every page embeds tracker.test/pixel.svg.
 * shop-b.test    a blog that shows one image from login-a.test and a tracker.test pixel. Its /cookie-policy is
 *                served 4 s late (as busy sites' are) and lists login-a.test's `session` and `basket` as
 *                advertising, and tracker.test's `IDE`.
 * tracker.test   GET /pixel.svg sets `IDE` (Secure, SameSite=None: a third-party cookie), as DoubleClick does.
 *
 * Use the pages over HTTPS (third-party cookies must be Secure + SameSite=None); the policies are linked over
 * http, because Chromium's extension fetch does not accept the test server's self-signed certificate.
 */
import { esc, html, page, redirect, routes, token, type Site } from '../site';

export const LOGIN_A_HOST = 'login-a.test';
export const SHOP_B_HOST = 'shop-b.test';
export const TRACKER_HOST = 'tracker.test';
/** How late shop-b.test's policy arrives. */
export const SHOP_B_POLICY_DELAY_MS = 4_000;

/** A 1×1 image as text (the demo server writes bodies as UTF-8). */
const IMAGE = '<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>';

function pixel(host: string, ctx: { url(host: string, path?: string, https?: boolean): string }): string {
  return `<img id="pixel-${esc(host)}" alt="" width="1" height="1" src="${esc(ctx.url(host, '/pixel.svg', true))}">`;
}

export function createLoginA(): Site {
  /** session token → user name */
  const sessions = new Map<string, string>();
  return {
    host: LOGIN_A_HOST,
    handle: routes({
      'GET /': (req, ctx) => {
        const user = sessions.get(req.cookies['session'] ?? '');
        return html(
          page({
            title: 'Shop A',
            report: true,
            body: `<h1>Shop A</h1>
${
  user
    ? `<p id="status">Signed in as ${esc(user)}</p><p id="basket">Basket: ${esc(req.cookies['basket'] ?? '(empty)')}</p>`
    : `<p id="status">Not signed in</p>
<form method="post" action="/login"><input id="username" name="username"><input id="password" name="password" type="password">
<button id="login" type="submit">Sign in</button></form>`
}
${pixel(TRACKER_HOST, ctx)}
<footer><a href="${esc(ctx.url(LOGIN_A_HOST, '/cookie-policy'))}">Cookie policy</a></footer>`,
          }),
        );
      },
      'POST /login': (req) => {
        const form = new URLSearchParams(req.body);
        const user = form.get('username') || 'someone';
        const sid = token();
        sessions.set(sid, user);
        return redirect('/', {
          'Set-Cookie': [
            `session=${sid}; HttpOnly; Secure; Path=/; Max-Age=604800; SameSite=Lax`,
            `basket=${token(4)}; Secure; Path=/; Max-Age=2592000; SameSite=Lax`,
          ],
        });
      },
      'GET /cookie-policy': () =>
        html(
          page({
            title: 'Shop A — cookie policy',
            body: `<h1>Cookie policy</h1>
<h2>Strictly necessary cookies</h2>
<table><tr><th>Name</th><th>Purpose</th><th>Duration</th></tr>
<tr><td>session</td><td>Keeps you signed in</td><td>7 days</td></tr>
<tr><td>basket</td><td>Remembers what is in your basket</td><td>30 days</td></tr></table>`,
          }),
        ),
      'GET /logo.svg': () => ({ status: 200, headers: { 'Content-Type': 'image/svg+xml' }, body: IMAGE }),
    }),
  };
}

export function createShopB(): Site {
  return {
    host: SHOP_B_HOST,
    handle: routes({
      'GET /': (_req, ctx) =>
        html(
          page({
            title: 'Blog B',
            report: true,
            body: `<h1>Blog B</h1><p>We love Shop A:</p>
<img id="a-logo" alt="Shop A" width="1" height="1" src="${esc(ctx.url(LOGIN_A_HOST, '/logo.svg', true))}">
${pixel(TRACKER_HOST, ctx)}
<footer><a href="${esc(ctx.url(SHOP_B_HOST, '/cookie-policy'))}">Cookie policy</a></footer>`,
          }),
        ),
      'GET /cookie-policy': async () => {
        await new Promise((resolve) => setTimeout(resolve, SHOP_B_POLICY_DELAY_MS));
        return html(
          page({
            title: 'Blog B — cookie policy',
            body: `<h1>Cookie policy</h1>
<h2>Advertising cookies</h2>
<table><tr><th>Name</th><th>Provider</th><th>Purpose</th><th>Duration</th></tr>
<tr><td>session</td><td>login-a.test</td><td>Advertising partner</td><td>7 days</td></tr>
<tr><td>basket</td><td>login-a.test</td><td>Advertising partner</td><td>30 days</td></tr>
<tr><td>IDE</td><td>tracker.test</td><td>Targeted advertising</td><td>13 months</td></tr></table>`,
          }),
        );
      },
    }),
  };
}

export function createTracker(): Site {
  return {
    host: TRACKER_HOST,
    handle: routes({
      'GET /pixel.svg': () => ({
        status: 200,
        headers: {
          'Content-Type': 'image/svg+xml',
          'Set-Cookie': `IDE=${token(8)}; Path=/; Max-Age=34190000; Secure; SameSite=None`,
        },
        body: IMAGE,
      }),
    }),
  };
}

export function ownershipSites(): Site[] {
  return [createLoginA(), createShopB(), createTracker()];
}
