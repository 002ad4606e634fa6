/**
 * Run the demo sites by hand:  npx tsx tests/demo-sites/cli.ts
 * Ports: DEMO_HTTP_PORT (default 8080), DEMO_HTTPS_PORT (default 8443); listen address DEMO_HOST (default 127.0.0.1).
 * Stops on Ctrl-C / SIGTERM.
 */
import { startDemoServer } from './server';

function port(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`${name} must be a port number, got "${raw}"`);
  return n;
}

/** Home/entry path of each built-in site, for the printed list. */
const ENTRY: Record<string, string[]> = {
  'syncronis.test': ['/', '/cookie-policy', '/privacy-policy'],
  'kopano.test': ['/', '/privacy-cookie-policy'],
  'youtube.test': ['/embed/demo'],
  // Issue 5: policy discovery (tests/demo-sites/sites/discovery.ts); the CDN stand-ins are not pages to visit.
  'consent.cookiebot.test': [],
  'cdn.cookielaw.test': [],
  'www.usualpath.test': [],
};

const server = await startDemoServer({
  httpPort: port('DEMO_HTTP_PORT', 8080),
  httpsPort: port('DEMO_HTTPS_PORT', 8443),
  host: process.env.DEMO_HOST || undefined,
});

const lines = ['Cookie Warden demo sites', ''];
for (const host of server.hosts) {
  for (const path of ENTRY[host] ?? ['/']) {
    lines.push(`  ${server.url(host, path)}` + (server.httpsPort !== null ? `   ${server.url(host, path, true)}` : ''));
  }
}
lines.push(
  '',
  `  recorded requests: ${server.url(server.hosts[0] ?? 'syncronis.test', '/__requests')}`,
  '',
  'The *.test names resolve only inside a browser told to map them to 127.0.0.1:',
  `  chromium --host-resolver-rules="MAP *.test 127.0.0.1" --ignore-certificate-errors ${server.url('syncronis.test')}`,
  `  Firefox: about:config network.dns.localDomains = ${server.hosts.join(',')}`,
  `  curl: curl -H 'Host: syncronis.test' http://127.0.0.1:${server.httpPort}/`,
  '',
  server.httpsPort === null ? 'HTTPS is off (no openssl).' : 'HTTPS uses a throw-away self-signed certificate.',
  'Ctrl-C to stop.',
);
console.log(lines.join('\n'));

let stopping = false;
const stop = (): void => {
  if (stopping) return;
  stopping = true;
  server.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
