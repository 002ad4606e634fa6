/**
 * Issue 8: no site can log you out of another. Blog B embeds an image from shop A; B's cookie policy,
 * served 4 s late, calls A's login and basket cookies advertising. The user signs in on A meanwhile. When
 * B's policy arrives, A's cookies stay (A, their owner, keeps them), and a tracker both sites refuse goes.
 */
import { expect } from '@playwright/test';
import type { Driver } from '../support/driver';
import type { DemoServer } from '../../demo-sites/server';
import type { Journey } from '../support/spec';
import { cookieNames, popupRows, popupText, tabIdOf } from '../support/extension';
import { waitForExtension } from './skeleton';

export async function anotherSitesPolicyCannotLogYouOut(driver: Driver, server: DemoServer): Promise<void> {
  const ext = await waitForExtension(driver);
  // B first: its policy is being fetched (4 s) while the user signs in on A.
  const b = await driver.newPage();
  await b.goto(server.url('shop-b.test', '/', true));
  const a = await driver.newPage();
  await a.goto(server.url('login-a.test', '/', true));
  await a.fill('#username', 'alice');
  await a.fill('#password', 'correct horse');
  await a.clickAndNavigate('#login');
  expect(await a.text('#status')).toContain('Signed in as alice');
  await expect.poll(() => cookieNames(ext, 'login-a.test')).toEqual(['basket', 'session']);

  // B's policy arrives and is applied.
  const tabB = await tabIdOf(ext, server.url('shop-b.test', '', true));
  const popup = await driver.extensionPage(`popup.html?tabId=${tabB}`);
  await expect.poll(() => popupText(popup, 'policy'), { timeout: 30_000 }).toContain('/cookie-policy');
  await expect
    .poll(async () => Object.fromEntries((await popupRows(popup)).map((r) => [r.name, r.state])))
    .toMatchObject({ session: 'kept-for-other-site', basket: 'kept-for-other-site' });

  // Still signed in on A, after B's policy and after reloading both pages.
  await b.reload();
  await a.reload();
  expect(await a.text('#status')).toContain('Signed in as alice');
  expect(await cookieNames(ext, 'login-a.test')).toEqual(['basket', 'session']);

  // The tracker both sites refuse is removed (unpartitioned in Chromium, partitioned per site in Firefox).
  expect(server.requests.some((r) => r.host === 'tracker.test')).toBe(true);
  await expect.poll(() => cookieNames(ext, 'tracker.test')).toEqual([]);

  // The popup says who keeps A's cookies.
  expect(await popup.evaluate<string>(`document.querySelector('tr[data-cookie="session"]')?.textContent ?? ''`)).toContain('login-a.test');
  await popup.close();
  await a.close();
  await b.close();
  await ext.close();
}

export const journeys: readonly Journey[] = [
  ["another site's late policy cannot log the user out; a tracker both refuse is removed", (c) => anotherSitesPolicyCannotLogYouOut(c.driver, c.server)],
];
