import { existsSync } from 'node:fs';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Driver, TestPage } from './driver';
import { FIREFOX, EXTENSION_DIRS, assertBrowser } from './paths';

const GECKO_ID = 'cookie-warden@cookie-warden.org';
const UUID = '6a1c2f3e-8b4d-4e5f-9a0b-1c2d3e4f5a6b';

function wrap(page: Page): TestPage {
  return {
    async goto(url) {
      await page.goto(url, { waitUntil: url.startsWith('moz-extension:') ? 'networkidle0' : 'load' });
    },
    async reload() {
      await page.reload({ waitUntil: 'load' });
    },
    async fill(selector, value) {
      await page.locator(selector).fill(value);
    },
    async select(selector, value) {
      await page.waitForSelector(selector);
      await page.select(selector, value);
    },
    async clickAndNavigate(selector) {
      await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click(selector)]);
    },
    async click(selector) {
      await page.click(selector);
    },
    async focus(selector) {
      // Keys go to the tab in front: a page opened earlier is behind the ones opened since.
      await page.bringToFront();
      await page.focus(selector);
    },
    async press(key) {
      // BiDi names the space bar by its character.
      await page.keyboard.press(key as Parameters<typeof page.keyboard.press>[0]);
    },
    async type(text) {
      await page.keyboard.type(text);
    },
    async upload(selector, filePath) {
      const input = await page.$(selector);
      if (!input) throw new Error(`no ${selector}`);
      await (input as unknown as { uploadFile(p: string): Promise<void> }).uploadFile(filePath);
    },
    async setViewport(width, height) {
      await page.setViewport({ width, height });
    },
    async setColorScheme() {
      // Media emulation needs CDP, which Firefox's WebDriver BiDi does not offer: the page keeps the
      // system's scheme (light here); Chromium checks dark.
      return false;
    },
    async screenshot(filePath, fullPage = false) {
      await page.screenshot({ path: filePath as `${string}.png`, fullPage });
    },
    async text(selector) {
      return page.$eval(selector, (el) => el.textContent ?? '');
    },
    async evaluate<T>(expression: string) {
      // BiDi drops repeated object references: pass JSON across.
      const json = await page.evaluate(`(async () => JSON.stringify(await (${expression})))()`);
      return JSON.parse(json as string) as T;
    },
    async close() {
      await page.close();
    },
  };
}

export interface FirefoxOptions {
  /** Opened right after the browser (and the extension) started, without waiting for anything else. */
  startUrl?: string;
  /**
   * Install the extension in the profile before the browser starts (an unsigned xpi in
   * `<profile>/extensions/`, allowed by ESR's `xpinstall.signatures.required`), so it starts with the
   * browser as a user's does, and `restart()` keeps it. Default: a temporary add-on installed over BiDi.
   */
  inProfile?: boolean;
  /** Firefox's own Global Privacy Control switched on (its DNT left off: the extension adds that one). */
  browserSignals?: boolean;
  /** The UI language (needs Debian's firefox-esr-l10n-<lang> language pack; .ci/run installs de and fr). */
  lang?: string;
}

export async function launchFirefox(hosts: string[], opts: FirefoxOptions = {}): Promise<Driver> {
  assertBrowser(FIREFOX);
  const lang = opts.lang;
  const langpack = `/usr/lib/firefox-esr/browser/extensions/langpack-${lang}@firefox-esr.mozilla.org.xpi`;
  if (lang && !existsSync(langpack)) {
    throw new Error(`Firefox has no ${lang} language pack: sudo apt-get install -y firefox-esr-l10n-${lang} (bash .ci/run does this).`);
  }
  const profile = opts.inProfile ? mkdtempSync(path.join(tmpdir(), 'cw-firefox-')) : undefined;
  if (profile) {
    mkdirSync(path.join(profile, 'extensions'));
    execFileSync('zip', ['-qr', path.join(profile, 'extensions', `${GECKO_ID}.xpi`), '.'], { cwd: EXTENSION_DIRS.firefox });
  }
  const launch = async (startUrl?: string): Promise<Browser> => {
    const b = await puppeteer.launch({
      browser: 'firefox',
      executablePath: FIREFOX,
      headless: true,
      acceptInsecureCerts: true,
      userDataDir: profile,
      args: ['--remote-allow-system-access'],
      extraPrefsFirefox: {
        'network.dns.localDomains': hosts.join(','),
        'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: UUID }),
        // Quiet: no update checks or telemetry on a machine without a network.
        'app.update.enabled': false,
        'datareporting.policy.dataSubmissionEnabled': false,
        'toolkit.telemetry.enabled': false,
        ...(lang ? { 'intl.locale.requested': lang } : {}),
        ...(opts.browserSignals ? { 'privacy.globalprivacycontrol.enabled': true } : {}),
        ...(profile ? { 'xpinstall.signatures.required': false, 'extensions.autoDisableScopes': 0, 'extensions.enabledScopes': 15 } : {}),
      },
    });
    if (!profile) await b.installExtension(EXTENSION_DIRS.firefox);
    if (startUrl) await ((await b.pages())[0] ?? (await b.newPage())).goto(startUrl, { waitUntil: 'load' });
    return b;
  };
  let browser = await launch(opts.startUrl);
  return {
    name: 'firefox',
    lang: lang ?? 'en',
    async newPage() {
      return wrap(await browser.newPage());
    },
    async extensionPage(p: string) {
      const page = await browser.newPage();
      await page.goto(`moz-extension://${UUID}/${p}`, { waitUntil: 'networkidle0' });
      return wrap(page);
    },
    async restartBackground() {
      // runtime.reload() starts the extension again (its background page too); storage stays. It closes the
      // extension's pages, so the page that asks may disappear under us.
      const page = await browser.newPage();
      await page.goto(`moz-extension://${UUID}/popup.html?tabId=999999`, { waitUntil: 'networkidle0' });
      await page.evaluate('setTimeout(() => browser.runtime.reload(), 0)').catch(() => undefined);
      await page.close().catch(() => undefined);
      // Back when a new page of the extension gets an answer from the new background.
      for (let i = 0; i < 100; i++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        const probe = await browser.newPage();
        try {
          await probe.goto(`moz-extension://${UUID}/popup.html?tabId=999999`, { waitUntil: 'networkidle0', timeout: 5_000 });
          const ok = await probe.evaluate(`browser.runtime.sendMessage({ type: 'get-settings' }).then((s) => !!s)`);
          if (ok) return;
        } catch {
          /* still reloading */
        } finally {
          await probe.close().catch(() => undefined);
        }
      }
      throw new Error('the extension did not come back after runtime.reload()');
    },
    restart: profile
      ? async (startUrl?: string) => {
          await browser.close();
          browser = await launch(startUrl);
        }
      : undefined,
    async close() {
      await browser.close();
      if (profile) rmSync(profile, { recursive: true, force: true });
    },
  };
}
