/**
 * claimant.test (and claimant-too.test) — a site that says it honors Global Privacy Control and does not: it serves the GPC
 * specification's `/.well-known/gpc.json` with `{"gpc": true}`, and its home page still sets Google
 * Analytics' `_ga` from JavaScript, whatever the browser sends.
 *
 * /                      home: REPORT_SCRIPT first in <head>; an iframe (/frame) and a srcdoc iframe that also
 *                        report what their navigator says; HTTP-sets `sid` (essential), script-sets `_ga`
 * /frames                the same frames and report, no cookies, and a script (/app.js) that fetches /api/hello
 *                        (the e2e's first page after the browser starts)
 * /frame                 a child document reporting { frame: 'child', gpc, dnt } from its <head>
 * /.well-known/gpc.json  {"gpc": true, "lastUpdate": "2026-11-01"} (application/json)
 * /cookie-policy         declares sid (essential) and _ga (analytics), and says it honors GPC
 */
import { html, page, REPORT_SCRIPT, routes, token, type Site } from '../site';

export const CLAIMANT_HOST = 'claimant.test';
/** The same site on a second host, for a first visit that starts on the home page (nothing known yet). */
export const LATE_CLAIMANT_HOST = 'claimant-too.test';

const frameReport = (frame: string) =>
  REPORT_SCRIPT.replace('body: JSON.stringify({', `body: JSON.stringify({\n      frame: ${JSON.stringify(frame)},`);

const HOME_SCRIPT = `
document.cookie = '_ga=GA1.1.' + Math.floor(Math.random() * 1e9) + '.' + Math.floor(Date.now() / 1000) + '; max-age=63072000; path=/';
`;

const SRCDOC = `<!DOCTYPE html><html><head>${frameReport('srcdoc')}</head><body>srcdoc frame</body></html>`;

const FRAMES = `<iframe id="child" src="/frame" title="child frame"></iframe>
<iframe id="srcdoc" title="srcdoc frame" srcdoc="${SRCDOC.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}"></iframe>`;

const HOME = page({
  title: 'Claimant — we respect your privacy',
  report: true,
  body: `<h1>Claimant</h1>
<p>We honor Global Privacy Control. (We also set Google Analytics cookies.)</p>
${FRAMES}
<footer><a href="/cookie-policy">Cookie Policy</a></footer>`,
  script: HOME_SCRIPT,
});

const FRAMES_PAGE = page({
  title: 'Claimant — frames',
  report: true,
  body: `<h1>Frames</h1>\n${FRAMES}\n<footer><a href="/cookie-policy">Cookie Policy</a></footer>\n<script src="/app.js"></script>`,
});

/** The page's own script: one more request of the first page load (a `script` resource), and a fetch. */
const APP_JS = `fetch('/api/hello').catch(function () {});`;

const FRAME = `<!DOCTYPE html><html><head>${frameReport('child')}<title>frame</title></head><body>child frame</body></html>`;

const POLICY = page({
  title: 'Cookie Policy — Claimant',
  body: `<h1>Cookie Policy</h1>
<p>We honor Global Privacy Control: when your browser sends the GPC signal, we treat it as a request to opt out of the sale and sharing of your data.</p>
<h2>Cookies we use</h2>
<table>
  <thead><tr><th>Name</th><th>Category</th><th>Purpose</th><th>Duration</th></tr></thead>
  <tbody>
    <tr><td>sid</td><td>Strictly necessary</td><td>Keeps your session</td><td>Session</td></tr>
    <tr><td>_ga</td><td>Analytics</td><td>Google Analytics: distinguishes visitors</td><td>2 years</td></tr>
  </tbody>
</table>`,
});

export function createClaimant(host: string = CLAIMANT_HOST): Site {
  return {
    host,
    handle: routes({
      'GET /': () => html(HOME, { 'Set-Cookie': `sid=${token(8)}; Path=/; HttpOnly; SameSite=Lax` }),
      'GET /frames': () => html(FRAMES_PAGE),
      'GET /frame': () => html(FRAME),
      'GET /app.js': () => ({ headers: { 'Content-Type': 'text/javascript' }, body: APP_JS }),
      'GET /api/hello': () => ({ headers: { 'Content-Type': 'application/json' }, body: '{"hello":"world"}' }),
      'GET /.well-known/gpc.json': () => ({
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ gpc: true, lastUpdate: '2026-11-01' }),
      }),
      'GET /cookie-policy': () => html(POLICY),
    }),
  };
}
