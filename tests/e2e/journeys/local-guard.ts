/**
 * Issue 8 §4, end to end: a public page's policy links to `printer.office.lan` and `[::ffff:127.0.0.1]` are
 * never fetched (before, `*.lan` below two labels and IPv4-mapped IPv6 passed the guard).
 */
import { expect } from '@playwright/test';
import type { DemoServer } from '../../demo-sites/server';
import type { Driver } from '../support/driver';
import type { Journey } from '../support/spec';
import { popupText, tabIdOf } from '../support/extension';
import { waitForExtension } from './skeleton';
import { LANLINKS_HOST, PRINTER_HOST, V6LINKS_HOST } from '../../demo-sites/sites/local-guard';

export async function policyLinksToTheLanAreNotFetched(driver: Driver, server: DemoServer, site: string): Promise<void> {
  const ext = await waitForExtension(driver);
  const page = await driver.newPage();
  await page.goto(server.url(site, '/'));
  const tabId = await tabIdOf(ext, server.url(site, ''));
  const popup = await driver.extensionPage(`popup.html?tabId=${tabId}`);
  // Discovery ends, whatever it found.
  await expect.poll(() => popupText(popup, 'policy'), { timeout: 30_000 }).toMatch(/^(?!.*(?:Looking for|Reading the)).+/);
  const local = server.requests.filter((r) => r.host === PRINTER_HOST || r.host.includes('7f00') || r.host.includes('127.0.0.1') || r.host === '');
  expect(local.map((r) => `${r.host}${r.path}`)).toEqual([]);
  // The link was refused, and the popup says so; the usual paths on the page's own origin were tried instead.
  expect(await popupText(popup, 'policy')).toContain('refused: a local network address');
  expect(server.requests.some((r) => r.host === site && r.path.startsWith('/cookie'))).toBe(true);
  await popup.close();
  await page.close();
  await ext.close();
}

export const journeys: readonly Journey[] = [
  ['a policy link to printer.office.lan is never fetched', (c) => policyLinksToTheLanAreNotFetched(c.driver, c.server, LANLINKS_HOST)],
  ['a policy link to [::ffff:127.0.0.1] is never fetched', (c) => policyLinksToTheLanAreNotFetched(c.driver, c.server, V6LINKS_HOST)],
];
