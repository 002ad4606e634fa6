/**
 * Issue 8's journey, written once and run in Chromium and Firefox ESR (one spec file each): while the
 * background reads a hostile 5 MB cookie policy (deeply nested elements) for one site, another site's denied
 * analytics cookie is still removed at once. Before the reader was bounded and sliced, a 2 MB nested page
 * held the background for 18 s and the other site's `_ga` stayed for 10.7 s.
 */
import http from 'node:http';
import { expect } from '@playwright/test';
import type { DemoServer } from '../../demo-sites/server';
import { BRACE_POLICY_HOST, BYSTANDER_HOST, DEEP_POLICY_HOST } from '../../demo-sites/sites/hostile';
import type { Driver, TestPage } from '../support/driver';
import { popupRows, tabIdOf } from '../support/extension';
import type { Journey } from '../support/spec';
import { waitForExtension } from './skeleton';

/** The aim is 200 ms (issue 8); the bound is generous for a shared 2-core machine. */
const REMOVAL_BOUND_MS = 2_000;

function siteJson<T>(server: DemoServer, host: string, path: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: server.httpPort, path, headers: { host }, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => {
        try {
          resolve(JSON.parse(body) as T);
        } catch (err) {
          reject(err);
        }
      });
    });
    req.on('error', reject);
    req.end();
  });
}

const policyStatus = (popup: TestPage) => popup.evaluate<string>(`document.querySelector('[data-testid="policy"]')?.getAttribute('data-status') ?? ''`);

async function popupOf(driver: Driver, ext: TestPage, server: DemoServer, host: string): Promise<TestPage> {
  let tabId: number | null = null;
  await expect.poll(async () => (tabId = await tabIdOf(ext, server.url(host, '')))).not.toBeNull();
  return driver.extensionPage(`popup.html?tabId=${tabId}`);
}

/**
 * Open the bystander's timer page in a new tab: it sets `_ga` and reports how long the cookie lived. A new
 * tab each time, because it must be the one in front: Firefox clamps the timers of background tabs to 1 s.
 */
async function gaLifetimeMs(driver: Driver, server: DemoServer): Promise<number> {
  const page = await driver.newPage();
  await page.goto(server.url(BYSTANDER_HOST, '/ga-timer'));
  let ms: number | null = null;
  await expect.poll(async () => (ms = await page.evaluate<number | null>('window.__gaGoneMs')), { timeout: 70_000 }).not.toBeNull();
  await page.close();
  return ms!;
}

/** The bystander alone: its policy found, and its `_ga` removal time with nothing else going on. */
export async function bystanderAlone(driver: Driver, server: DemoServer): Promise<void> {
  const ext = await waitForExtension(driver);
  const page = await driver.newPage();
  await page.goto(server.url(BYSTANDER_HOST, '/'));
  const popup = await popupOf(driver, ext, server, BYSTANDER_HOST);
  await expect.poll(() => policyStatus(popup)).toBe('found');
  const alone = await gaLifetimeMs(driver, server);
  console.log(`[hostile] ${driver.name}: bystander _ga removed after ${alone.toFixed(0)} ms with nothing else going on`);
  expect(alone).toBeGreaterThanOrEqual(0);
  expect(alone).toBeLessThanOrEqual(REMOVAL_BOUND_MS);
  await popup.close();
  await page.close();
  await ext.close();
}

/**
 * A site whose cookie policy is hostile (`host`): once the server has sent all 5 MB, the background reads it;
 * meanwhile the bystander sets `_ga` three times, and each time it is removed at once.
 */
export async function hostilePolicyDoesNotStallOtherSites(driver: Driver, server: DemoServer, host: string, shape: string): Promise<void> {
  const ext = await waitForExtension(driver);
  const bystander = await driver.newPage();
  await bystander.goto(server.url(BYSTANDER_HOST, '/'));
  const hostile = await driver.newPage();
  await hostile.goto(server.url(host, '/'));
  await expect.poll(() => siteJson<{ sent: number }>(server, host, '/__count'), { timeout: 30_000 }).toMatchObject({ sent: 1 });
  const t0 = Date.now();
  const during: number[] = [];
  for (let i = 0; i < 3; i++) during.push(await gaLifetimeMs(driver, server));
  const measuredFor = Date.now() - t0;

  // The hostile policy is read all the same, in bounded time (its cookie table is found, unless a very
  // loaded machine spends the read's time budget first: then the popup says what was not read).
  const hostilePopup = await popupOf(driver, ext, server, host);
  await expect.poll(() => policyStatus(hostilePopup), { timeout: 60_000 }).not.toMatch(/^(?:loading|pending|)$/);
  const readWithin = Date.now() - t0;
  const status = await policyStatus(hostilePopup);
  console.log(
    `[hostile] ${driver.name}: while ${host}'s 5 MB policy (${shape}) was read, bystander _ga removed after ` +
      `${during.map((ms) => ms.toFixed(0)).join(', ')} ms (3 visits over ${measuredFor} ms); ` +
      `the policy was read within ${readWithin} ms of arriving (status ${status})`,
  );
  for (const ms of during) {
    expect(ms, 'the bystander _ga was never removed (still there after 60 s)').toBeGreaterThanOrEqual(0);
    expect(ms).toBeLessThanOrEqual(REMOVAL_BOUND_MS);
  }
  const bystanderPopup = await popupOf(driver, ext, server, BYSTANDER_HOST);
  await expect.poll(async () => Object.fromEntries((await popupRows(bystanderPopup)).map((r) => [r.name, r.state]))).toMatchObject({
    _ga: 'removed',
    session: 'kept',
  });
  await bystanderPopup.close();
  await hostilePopup.close();
  await hostile.close();
  await bystander.close();
  await ext.close();
}

export const journeys: readonly Journey[] = [
  ['the bystander alone: its denied _ga is removed at once', (c) => bystanderAlone(c.driver, c.server)],
  ['a 5 MB policy of nested elements for one site: another site\'s denied _ga is still removed at once', (c) =>
    hostilePolicyDoesNotStallOtherSites(c.driver, c.server, DEEP_POLICY_HOST, 'nested <div>')],
  ['a 5 MB policy template whose marks never close: another site\'s denied _ga is still removed at once', (c) =>
    hostilePolicyDoesNotStallOtherSites(c.driver, c.server, BRACE_POLICY_HOST, 'unclosed template marks')],
];
