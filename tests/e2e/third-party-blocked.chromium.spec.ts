/**
 * Chromium's default: unpartitioned third-party cookies blocked. The embedded YouTube frame then sets
 * nothing, and everything else works as with them allowed (../shared/E2E.md).
 */
import { expect, test } from '@playwright/test';
import { startDemoServer, type DemoServer } from '../demo-sites/server';
import { launchChromium } from './support/chromium';
import type { Driver } from './support/driver';
import { badgeText, cookieNames, popupRows, tabIdOf } from './support/extension';
import { waitForExtension } from './journeys/skeleton';

let server: DemoServer;
let driver: Driver;

test.beforeAll(async () => {
  server = await startDemoServer();
  driver = await launchChromium({ thirdPartyCookies: false });
});

test.afterAll(async () => {
  await driver?.close();
  await server?.close();
});

test('chromium, third-party cookies blocked: kopano keeps its session, no YouTube cookie is set', async () => {
  const ext = await waitForExtension(driver);
  const page = await driver.newPage();
  await page.goto(server.url('kopano.test', '/'));
  await expect.poll(() => cookieNames(ext, 'kopano.test')).toEqual(['PHPSESSID', 'cookielawinfo-checkbox-necessary']);
  // The iframe was requested, and its response tried to set cookies, but the browser refused them.
  expect(server.requests.some((r) => r.host === 'youtube.test' && r.path.startsWith('/embed/'))).toBe(true);
  expect(await cookieNames(ext, 'youtube.test')).toEqual([]);
  const tabId = await tabIdOf(ext, server.url('kopano.test', ''));
  await expect.poll(() => badgeText(ext, tabId!)).toBe('1');
  const popup = await driver.extensionPage(`popup.html?tabId=${tabId}`);
  await expect.poll(async () => (await popupRows(popup)).map((r) => r.name).sort()).toEqual([
    'PHPSESSID',
    '_fbp',
    '_pk_id.1.a1b2',
    '_pk_ses.1.a1b2',
    'cookielawinfo-checkbox-necessary',
  ]);
});
