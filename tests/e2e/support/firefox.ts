import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import type { Driver, TestPage } from './driver';
import { FIREFOX, EXTENSION_DIRS, assertBrowser } from './paths';

const GECKO_ID = 'cookie-warden@cookie-warden.test';
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

/** `startUrl`: opened right after the extension is installed, without waiting for anything else. */
export async function launchFirefox(hosts: string[], startUrl?: string): Promise<Driver> {
  assertBrowser(FIREFOX);
  const browser: Browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    acceptInsecureCerts: true,
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: {
      'network.dns.localDomains': hosts.join(','),
      'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: UUID }),
      // Quiet: no update checks or telemetry on a machine without a network.
      'app.update.enabled': false,
      'datareporting.policy.dataSubmissionEnabled': false,
      'toolkit.telemetry.enabled': false,
    },
  });
  await browser.installExtension(EXTENSION_DIRS.firefox);
  if (startUrl) await ((await browser.pages())[0] ?? (await browser.newPage())).goto(startUrl, { waitUntil: 'load' });
  return {
    name: 'firefox',
    async newPage() {
      return wrap(await browser.newPage());
    },
    async extensionPage(p: string) {
      const page = await browser.newPage();
      await page.goto(`moz-extension://${UUID}/${p}`, { waitUntil: 'networkidle0' });
      return wrap(page);
    },
    async close() {
      await browser.close();
    },
  };
}
