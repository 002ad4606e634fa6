/**
 * Issue 8 §4: a public page must not aim the extension's policy fetches at the local network.
 *
 * lanlinks.test        a public page whose only policy link points to a printer's page on `printer.office.lan`
 * v6links.test         a public page whose only policy link points to `[::ffff:127.0.0.1]` (URL parsing writes
 *                      it `[::ffff:7f00:1]`), that is 127.0.0.1, where the demo server listens
 * printer.office.lan   a device on the LAN; it serves a cookie policy, so a fetch that reached it would read it
 * The test asserts the server never saw a request for either local host.
 */
import { html, page, routes, type Site } from '../site';

export const LANLINKS_HOST = 'lanlinks.test';
export const V6LINKS_HOST = 'v6links.test';
export const PRINTER_HOST = 'printer.office.lan';

function linkingTo(host: string, href: (port: number) => string): Site {
  return {
    host,
    handle: routes({
      'GET /': (_req, ctx) =>
        html(
          page({
            title: 'A public page',
            body: `<h1>Public page</h1>
<p id="status">Welcome.</p>
<footer><a href="${href(ctx.httpPort)}">Cookie Policy</a></footer>`,
            script: `document.cookie = '_hjid=' + Math.random().toString(36).slice(2) + '; max-age=86400; path=/';`,
          }),
        ),
    }),
  };
}

export const createLanLinks = (): Site => linkingTo(LANLINKS_HOST, (port) => `http://${PRINTER_HOST}:${port}/cookie-policy`);
export const createV6Links = (): Site => linkingTo(V6LINKS_HOST, (port) => `http://[::ffff:127.0.0.1]:${port}/cookie-policy`);

export function createPrinter(): Site {
  return {
    host: PRINTER_HOST,
    handle: routes({
      'GET /cookie-policy': () =>
        html(
          page({
            title: 'Printer cookie policy',
            body: `<h1>Cookie Policy</h1><table><tr><th>Cookie</th><th>Purpose</th></tr><tr><td>_hjid</td><td>Analytics</td></tr></table>`,
          }),
        ),
    }),
  };
}
