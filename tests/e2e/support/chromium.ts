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
    async click(selector) {
      await page.click(selector);
    },
    async focus(selector) {
      await page.focus(selector);
    },
    async press(key) {
      await page.keyboard.press(key === ' ' ? 'Space' : key);
    },
    async type(text) {
      await page.keyboard.type(text);
    },
    async upload(selector, filePath) {
      await page.setInputFiles(selector, filePath);
    },
    async setViewport(width, height) {
      await page.setViewportSize({ width, height });
    },
    async setColorScheme(colorScheme) {
      await page.emulateMedia({ colorScheme });
      return true;
    },
    async screenshot(filePath, fullPage = false) {
      await page.screenshot({ path: filePath, fullPage });
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
  /** The browser's UI language (chrome.i18n follows it): LANGUAGE in the environment, and --lang. */
  lang?: string;
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
  let knownId = '';
  const start = async (startUrl?: string): Promise<[BrowserContext, string]> => {
    const ctx = await chromium.launchPersistentContext(userDataDir, {
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
        ...(opts.lang ? [`--lang=${opts.lang}`] : []),
      ],
      ...(opts.lang ? { env: { ...process.env, LANGUAGE: opts.lang, LANG: `${opts.lang}_${opts.lang.toUpperCase()}.UTF-8` } } : {}),
    });
    if (startUrl) await (ctx.pages()[0] ?? (await ctx.newPage())).goto(startUrl, { waitUntil: 'load' });
    // On a relaunch the worker may stay asleep until an event: an unpacked extension keeps its id (it comes
    // from the path), so the id known from the first launch does.
    const worker = ctx.serviceWorkers()[0] ?? (await ctx.waitForEvent('serviceworker', { timeout: knownId ? 10_000 : 30_000 }).catch(() => null));
    if (worker) knownId = new URL(worker.url()).host;
    if (!knownId) throw new Error('the extension service worker did not start');
    return [ctx, knownId];
  };
  let [context, extensionId] = await start(opts.startUrl);
  return {
    name: 'chromium',
    lang: opts.lang ?? 'en',
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
    async restartBrowser() {
      // The same profile directory: what the extension stored (settings, registered scripts) is still there.
      await context.close();
      [context, extensionId] = await start();
    },
    async restart(startUrl?: string) {
      // Same profile, same unpacked directory: the same extension id, its stored state and registrations.
      await context.close();
      [context, extensionId] = await start(startUrl);
    },
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
