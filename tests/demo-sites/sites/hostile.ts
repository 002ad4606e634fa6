/**
 * Issue 8, "a hostile policy stalls the background for every site": one site whose cookie policy is 5 MB of
 * nested elements, and a bystander whose analytics cookie must still be removed at once meanwhile.
 *
 * deeppolicy.test   home links "Cookie Policy" → /cookie-policy: 5,000,000 characters of nested <div>, then a
 *                   cookie table (tests/support/hostile-docs.ts `deepPolicyPage`); GET /__count → { count, sent }
 *                   (requests for the policy, and how many of them were sent to the end)
 * bracepolicy.test the same, its policy a 5 MB server template whose `{%` marks never close (a cookie table first)
 * bystander.test    a small site with its own cookie policy (`session` essential, `_ga` analytics);
 *                   /ga-timer sets `_ga` from script and polls `document.cookie` until it is gone:
 *                   `window.__gaGoneMs` is the time from setting it to its removal (-1: still there after 60 s)
 */
import { deepPolicyPage, unclosedTemplatePage } from '../../support/hostile-docs';
import { html, page, routes, type Site } from '../site';

export const DEEP_POLICY_HOST = 'deeppolicy.test';
export const BRACE_POLICY_HOST = 'bracepolicy.test';
export const BYSTANDER_HOST = 'bystander.test';
const DEEP_POLICY_CHARS = 5_000_000;

const CSS = 'body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 46rem; line-height: 1.5; }';

function hostilePolicySite(host: string, title: string, make: (size: number) => string): Site {
  let policy: string | null = null;
  const counter = { count: 0, sent: 0 };
  return {
    host,
    handle: routes({
      'GET /': () => html(page({ title, css: CSS, body: `<h1>${title}</h1><p id="status">Welcome.</p><footer><a href="/cookie-policy">Cookie Policy</a></footer>` })),
      'GET /cookie-policy': (req) => {
        counter.count++;
        policy ??= make(DEEP_POLICY_CHARS);
        req.res.on('finish', () => counter.sent++);
        return html(policy);
      },
      'GET /__count': () => ({ headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(counter) }),
    }),
  };
}

export const createDeepPolicy = (): Site => hostilePolicySite(DEEP_POLICY_HOST, 'Deep Policy Ltd', deepPolicyPage);
export const createBracePolicy = (): Site => hostilePolicySite(BRACE_POLICY_HOST, 'Brace Policy Ltd', unclosedTemplatePage);

const BYSTANDER_POLICY = `<h1>Cookie Policy</h1>
<h2>Essential cookies</h2>
<table><thead><tr><th>Name</th><th>Purpose</th><th>Duration</th></tr></thead>
<tbody><tr><td>session</td><td>Keeps you signed in</td><td>Session</td></tr></tbody></table>
<h2>Analytics cookies</h2>
<table><thead><tr><th>Name</th><th>Purpose</th><th>Duration</th></tr></thead>
<tbody><tr><td>_ga</td><td>Google Analytics: counts visits</td><td>2 years</td></tr></tbody></table>`;

const GA_TIMER = `
window.__gaGoneMs = null;
var t0 = performance.now();
document.cookie = '_ga=GA1.1.' + Math.floor(Math.random() * 1e9) + '.' + Math.floor(Date.now() / 1000) + '; max-age=63072000; path=/';
(function poll() {
  var ms = performance.now() - t0;
  if (!/(?:^|; )_ga=/.test(document.cookie)) { window.__gaGoneMs = ms; document.getElementById('status').textContent = '_ga removed after ' + Math.round(ms) + ' ms'; return; }
  if (ms > 60000) { window.__gaGoneMs = -1; document.getElementById('status').textContent = '_ga still there after 60 s'; return; }
  setTimeout(poll, 2);
})();
`;

export function createBystander(): Site {
  const footer = '<footer><a href="/cookie-policy">Cookie Policy</a></footer>';
  return {
    host: BYSTANDER_HOST,
    handle: routes({
      'GET /': () =>
        html(page({ title: 'Bystander', css: CSS, body: `<h1>Bystander</h1><p id="status">Welcome.</p>${footer}` }), {
          'Set-Cookie': `session=${Math.random().toString(36).slice(2)}; Path=/; HttpOnly; SameSite=Lax`,
        }),
      'GET /ga-timer': () => html(page({ title: 'Bystander', css: CSS, body: `<h1>Bystander</h1><p id="status">Setting _ga…</p>${footer}`, script: GA_TIMER })),
      'GET /cookie-policy': () => html(page({ title: 'Cookie Policy', css: CSS, body: BYSTANDER_POLICY })),
    }),
  };
}

export function hostileSites(): Site[] {
  return [createDeepPolicy(), createBracePolicy(), createBystander()];
}
