/**
 * Issue 10: one site showing every kind of breach of its own policy.
 *
 * breaches.test  GET / (use HTTPS): HTTP-sets `sid` (declared a session cookie, but lives 30 days: lifetime),
 *                `prefs` (declared functional, 7 days: no breach); its script sets `_ga` (declared strictly
 *                necessary, known as analytics: wrong purpose) and `_hjid` (undeclared analytics: undeclared and
 *                set despite refusal); it embeds an iframe from adnet.test, which the policy names nowhere.
 *                /cookie-policy (linked over http: Chromium's extension fetch refuses the self-signed certificate).
 * adnet.test     GET /frame sets `adid` (third-party, Secure, SameSite=None) and `chips_id` (Partitioned, CHIPS).
 */
import { esc, html, page, routes, token, type Site } from '../site';

export const BREACHES_HOST = 'breaches.test';
export const ADNET_HOST = 'adnet.test';

export function createBreaches(): Site {
  return {
    host: BREACHES_HOST,
    handle: routes({
      'GET /': (_req, ctx) =>
        html(
          page({
            title: 'Breaches — a shop that breaks its own policy',
            report: true,
            body: `<h1>A shop</h1>
<iframe title="ad" src="${esc(ctx.url(ADNET_HOST, '/frame', true))}" width="300" height="100"></iframe>
<footer><a href="${esc(ctx.url(BREACHES_HOST, '/cookie-policy'))}">Cookie policy</a></footer>`,
            script: `document.cookie = '_ga=GA1.1.' + Date.now() + '; max-age=63072000; path=/';
document.cookie = '_hjid=' + Math.random().toString(16).slice(2) + '; max-age=31536000; path=/';`,
          }),
          {
            'Set-Cookie': [
              `sid=${token()}; HttpOnly; Secure; Path=/; Max-Age=2592000; SameSite=Lax`,
              `prefs=dark; Secure; Path=/; Max-Age=604800; SameSite=Lax`,
            ],
          },
        ),
      'GET /cookie-policy': () =>
        html(
          page({
            title: 'Cookie policy',
            body: `<h1>Cookie policy</h1>
<h2>Strictly necessary cookies</h2>
<table><tr><th>Name</th><th>Purpose</th><th>Duration</th></tr>
<tr><td>sid</td><td>Keeps your session</td><td>Session</td></tr>
<tr><td>_ga</td><td>Load balancing</td><td>2 years</td></tr></table>
<h2>Functional cookies</h2>
<table><tr><th>Name</th><th>Purpose</th><th>Duration</th></tr>
<tr><td>prefs</td><td>Remembers your display settings</td><td>7 days</td></tr></table>`,
          }),
        ),
    }),
  };
}

export function createAdnet(): Site {
  return {
    host: ADNET_HOST,
    handle: routes({
      'GET /frame': () =>
        html(page({ title: 'ad', body: '<p>An advertisement</p>' }), {
          'Set-Cookie': [
            `adid=${token(8)}; Path=/; Max-Age=31536000; Secure; SameSite=None`,
            `chips_id=${token(8)}; Path=/; Max-Age=31536000; Secure; SameSite=None; Partitioned`,
          ],
        }),
    }),
  };
}
