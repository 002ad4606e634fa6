import { chromium, type BrowserContext, type Page } from '@playwright/test';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Driver, TestPage } from './driver';
import { CHROMIUM, EXTENSION_DIRS, assertBrowser } from './paths';

function wrap(page: Page): TestPage {
  return {
    async goto(url) {
      await page.goto(url, { waitUntil: 'load' });
    },
    async reload() {
      await page.reload({ waitUntil: 'load' });
    },
    async fill(selector, value) {
      await page.fill(selector, value);
    },
    async select(selector, value) {
      await page.selectOption(selector, value);
    },
    async clickAndNavigate(selector) {
      await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click(selector)]);
    },
    async text(selector) {
      return (await page.textContent(selector)) ?? '';
    },
    async evaluate<T>(expression: string) {
      const json = await page.evaluate(`(async () => JSON.stringify(await (${expression})))()`);
      return JSON.parse(json as string) as T;
    },
    async close() {
      await page.close();
    },
  };
}

export interface ChromiumOptions {
  /** Allow third-party cookies (Chromium 156 blocks them by default). */
  thirdPartyCookies: boolean;
  /** Load this page in the browser's first tab as soon as it is up, before waiting for the extension's worker. */
  startUrl?: string;
  /** Chromium's own "Send a Do Not Track request" switch on (`enable_do_not_track` in the profile). */
  browserDnt?: boolean;
}

export async function launchChromium(opts: ChromiumOptions): Promise<Driver> {
  assertBrowser(CHROMIUM);
  const userDataDir = mkdtempSync(path.join(tmpdir(), 'cw-chromium-'));
  const prefs = {
    ...(opts.thirdPartyCookies ? { profile: { cookie_controls_mode: 0 } } : {}),
    ...(opts.browserDnt ? { enable_do_not_track: true } : {}),
  };
  if (Object.keys(prefs).length > 0) {
    mkdirSync(path.join(userDataDir, 'Default'), { recursive: true });
    writeFileSync(path.join(userDataDir, 'Default/Preferences'), JSON.stringify(prefs));
  }
  const ext = EXTENSION_DIRS.chromium;
  const launch = async (startUrl?: string): Promise<BrowserContext> => {
    const c = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      headless: true,
      ignoreHTTPSErrors: true,
      args: [
        `--disable-extensions-except=${ext}`,
        `--load-extension=${ext}`,
        // *.lan: a device on the local network (tests/demo-sites/sites/local-guard.ts).
        '--host-resolver-rules=MAP *.test 127.0.0.1, MAP *.lan 127.0.0.1',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
    if (startUrl) await (c.pages()[0] ?? (await c.newPage())).goto(startUrl, { waitUntil: 'load' });
    return c;
  };
  let context = await launch(opts.startUrl);
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL(worker.url()).host;
  return {
    name: 'chromium',
    async newPage() {
      return wrap(await context.newPage());
    },
    async stopWorker() {
      // DevTools protocol: the same stop Chromium applies to an idle MV3 worker.
      const page = context.pages()[0] ?? (await context.newPage());
      const cdp = await context.newCDPSession(page);
      await cdp.send('ServiceWorker.enable');
      await cdp.send('ServiceWorker.stopAllWorkers');
      await cdp.detach();
    },
    async extensionPage(p: string) {
      const page = await context.newPage();
      await page.goto(`chrome-extension://${extensionId}/${p}`, { waitUntil: 'load' });
      return wrap(page);
    },
    async restart(startUrl?: string) {
      // Same profile, same unpacked directory: the same extension id, its stored state and registrations.
      await context.close();
      context = await launch(startUrl);
    },
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
