/**
 * A forwarding proxy for `npm start`: the browser's PAC file sends `*.test` here and everything else direct,
 * and each request is passed to the demo server as it came (same method, headers, Host and body). This is
 * how the demo sites resolve without `--host-resolver-rules`, a flag Chromium shows a warning bar for.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface DemoProxy {
  port: number;
  /** Where the PAC file is served: pass it as `--proxy-pac-url`. */
  pacUrl: string;
  close(): Promise<void>;
}

export async function startDemoProxy(httpPort: number, host = '127.0.0.1'): Promise<DemoProxy> {
  let pac = '';
  const server = http.createServer((req, res) => {
    const target = req.url ?? '/';
    if (!/^https?:\/\//i.test(target)) {
      // Not a proxied request: the PAC file, or nothing.
      if (target === '/proxy.pac') {
        res.writeHead(200, { 'content-type': 'application/x-ns-proxy-autoconfig' });
        res.end(pac);
      } else {
        res.writeHead(404).end();
      }
      return;
    }
    const url = new URL(target);
    if (!url.hostname.endsWith('.test')) {
      res.writeHead(403, { 'content-type': 'text/plain' }).end('The demo proxy only serves *.test.');
      return;
    }
    const upstream = http.request({ host, port: httpPort, method: req.method, path: `${url.pathname}${url.search}`, headers: req.headers }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.rawHeaders);
      up.pipe(res);
    });
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    req.pipe(upstream);
  });
  // No HTTPS through this proxy: the demo is served over HTTP only.
  server.on('connect', (_req, socket) => socket.end('HTTP/1.1 403 Forbidden\r\n\r\n'));
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const port = (server.address() as AddressInfo).port;
  pac = `function FindProxyForURL(url, host) {\n  if (dnsDomainIs(host, '.test')) return 'PROXY ${host}:${port}';\n  return 'DIRECT';\n}\n`;
  return {
    port,
    pacUrl: `http://${host}:${port}/proxy.pac`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
