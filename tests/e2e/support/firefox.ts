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

export async function launchFirefox(hosts: string[]): Promise<Driver> {
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
    async close() {
      await browser.close();
    },
  };
}
