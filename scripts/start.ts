/**
 * `npm start`: build the extension, serve the demo sites, and open Debian's Chromium with the extension
 * loaded on the first demo site. Without a display, or without Chromium, it says so and what to do.
 *
 * No flag that makes Chromium show its "unsupported command-line flag" bar (chrome/browser/ui/startup/
 * bad_flags_prompt.cc lists them: --host-resolver-rules, --ignore-certificate-errors(-spki-list), --no-sandbox,
 * …): the demo hosts reach the local server through a proxy that only `*.test` goes to (a PAC file,
 * scripts/demo-proxy.ts), and the demo is served over HTTP only, so no certificate needs ignoring. The
 * temporary profile is removed when the browser or this script ends.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startDemoServer } from '../tests/demo-sites/server';
import { startDemoProxy } from './demo-proxy';
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
// HTTP only: a self-signed certificate would need a flag Chromium warns about (the e2e tests cover HTTPS).
const server = await startDemoServer({ httpPort, httpsPort, https: false });
const proxy = await startDemoProxy(server.httpPort);
const first = server.url('syncronis.test', '/');
console.log('\nDemo sites (served on 127.0.0.1; the browser maps *.test there):');
for (const host of server.hosts) console.log(`  ${server.url(host, '/')}`);

const manual = `
To load the extension by hand:
  Chromium: chrome://extensions -> Developer mode -> Load unpacked -> ${extension}
            and start it with --proxy-pac-url=${proxy.pacUrl} so the demo sites resolve.
  Firefox:  about:debugging -> This Firefox -> Load Temporary Add-on -> ${path.join(ROOT, '.output/firefox-mv2/manifest.json')}
            and set network.dns.localDomains to "${server.hosts.join(',')}" in about:config.`;

if (!CHROMIUM) {
  console.log(`\nChromium is not installed. Install it with:\n  sudo apt-get install -y chromium\n${manual}`);
} else if (!process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
  console.log(`\nNo display found (DISPLAY is not set), so no browser window can open here.${manual}`);
} else {
  // Removed on every way out: the browser closing, Ctrl-C, a kill, an error.
  const profile = mkdtempSync(path.join(tmpdir(), 'cookie-warden-'));
  let child: ChildProcess | null = null;
  let ending = false;
  /** Is any process of Chromium's group (the browser and its helpers) still running? */
  const groupAlive = (pid: number) => {
    try {
      process.kill(-pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  const end = (code: number) => {
    if (ending) return;
    ending = true;
    void (async () => {
      // Chromium runs in its own process group: stop the browser and every helper it started, and wait for
      // them, since a helper that outlives the browser still writes to the profile.
      const pid = child?.pid;
      if (pid !== undefined) {
        for (const signal of ['SIGTERM', 'SIGKILL'] as const) {
          if (!groupAlive(pid)) break;
          try {
            process.kill(-pid, signal);
          } catch {
            /* already gone */
          }
          for (let i = 0; i < 50 && groupAlive(pid); i++) await new Promise((r) => setTimeout(r, 100));
        }
      }
      rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
      await Promise.all([server.close(), proxy.close()]);
      process.exit(code);
    })();
  };
  process.on('SIGINT', () => end(0));
  process.on('SIGTERM', () => end(0));
  process.on('uncaughtException', (err) => {
    console.error(err);
    end(1);
  });
  mkdirSync(path.join(profile, 'Default'), { recursive: true });
  // Allow third-party cookies, as most users have them, so the demo's embedded iframe really sets its cookies.
  writeFileSync(path.join(profile, 'Default/Preferences'), JSON.stringify({ profile: { cookie_controls_mode: 0 } }));
  const root = process.getuid?.() === 0;
  child = spawn(
    CHROMIUM,
    [
      `--user-data-dir=${profile}`,
      `--disable-extensions-except=${extension}`,
      `--load-extension=${extension}`,
      `--proxy-pac-url=${proxy.pacUrl}`,
      '--no-first-run',
      '--no-default-browser-check',
      '--disable-background-networking',
      // Chromium refuses to run as root with its sandbox; that flag brings the warning bar back, and only root
      // needs it (a person's own account never does).
      ...(root ? ['--no-sandbox'] : []),
      first,
    ],
    // Its own process group, so that ending it ends its helpers too (see `end`).
    { stdio: 'ignore', detached: true },
  );
  console.log(`\nOpened Chromium on ${first} with Cookie Warden loaded. Close the browser or press Ctrl-C to stop.`);
  if (root) console.log('(Running as root: Chromium needs --no-sandbox and shows a warning bar for it. Run as your own user to avoid both.)');
  child.on('exit', () => end(0));
}
console.log('\nDemo server running. Press Ctrl-C to stop.');
// With a browser, its own handlers above end it, remove the profile, then stop the servers.
if (process.listenerCount('SIGINT') === 0) {
  process.on('SIGINT', () => void Promise.all([server.close(), proxy.close()]).then(() => process.exit(0)));
}
