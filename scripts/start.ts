/**
 * `npm start`: build the extension, serve the demo sites, and open Debian's Chromium with the extension
 * loaded on the first demo site. Without a display, or without Chromium, it says so and what to do.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startDemoServer } from '../tests/demo-sites/server';
import { ROOT } from './knowledge-node';

const CHROMIUM = process.env.CHROMIUM_PATH ?? ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
const extension = path.join(ROOT, '.output/chrome-mv3');

function run(cmd: string, args: string[]): void {
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`\n${cmd} ${args.join(' ')} failed`);
    process.exit(r.status ?? 1);
  }
}

run('npm', ['run', 'build']);

const httpPort = Number(process.env.DEMO_HTTP_PORT ?? 8080);
const httpsPort = Number(process.env.DEMO_HTTPS_PORT ?? 8443);
const server = await startDemoServer({ httpPort, httpsPort });
const first = server.url('syncronis.test', '/');
console.log('\nDemo sites (served on 127.0.0.1; the browser maps *.test there):');
for (const host of server.hosts) console.log(`  ${server.url(host, '/')}`);

const manual = `
To load the extension by hand:
  Chromium: chrome://extensions -> Developer mode -> Load unpacked -> ${extension}
            and start it with --host-resolver-rules="MAP *.test 127.0.0.1" so the demo sites resolve.
  Firefox:  about:debugging -> This Firefox -> Load Temporary Add-on -> ${path.join(ROOT, '.output/firefox-mv2/manifest.json')}
            and set network.dns.localDomains to "${server.hosts.join(',')}" in about:config.`;

if (!CHROMIUM) {
  console.log(`\nChromium is not installed. Install it with:\n  sudo apt-get install -y chromium\n${manual}`);
} else if (!process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
  console.log(`\nNo display found (DISPLAY is not set), so no browser window can open here.${manual}`);
} else {
  const profile = mkdtempSync(path.join(tmpdir(), 'cookie-warden-'));
  mkdirSync(path.join(profile, 'Default'), { recursive: true });
  // Allow third-party cookies, as most users have them, so the demo's embedded iframe really sets its cookies.
  writeFileSync(path.join(profile, 'Default/Preferences'), JSON.stringify({ profile: { cookie_controls_mode: 0 } }));
  const child = spawn(
    CHROMIUM,
    [
      `--user-data-dir=${profile}`,
      `--disable-extensions-except=${extension}`,
      `--load-extension=${extension}`,
      '--host-resolver-rules=MAP *.test 127.0.0.1',
      '--ignore-certificate-errors',
      '--no-first-run',
      '--disable-background-networking',
      ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
      first,
    ],
    { stdio: 'ignore' },
  );
  console.log(`\nOpened Chromium on ${first} with Cookie Warden loaded. Close the browser or press Ctrl-C to stop.`);
  child.on('exit', () => void server.close().then(() => process.exit(0)));
}
console.log('\nDemo server running. Press Ctrl-C to stop.');
process.on('SIGINT', () => void server.close().then(() => process.exit(0)));
