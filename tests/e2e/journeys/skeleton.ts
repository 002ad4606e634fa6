/**
 * The walking skeleton's journeys, written once and run in Chromium and Firefox ESR (one spec file each).
 */
import { expect } from '@playwright/test';
import type { DemoServer } from '../../demo-sites/server';
import type { Driver, TestPage } from '../support/driver';
import type { Journey } from '../support/spec';
import { breachRows, storedObservationNames } from '../support/extension';
import { backgroundReady, badgeText, cookieNames, popupRows, popupText, tabIdOf } from '../support/extension';

const byName = (rows: Array<{ name: string }>) => Object.fromEntries(rows.map((r) => [r.name, r]));

/**
 * The extension is ready when its background answers. (The DNT / GPC headers need no waiting: they are in
 * place from the first request, see journeys/signals.ts.)
 */
export async function waitForExtension(driver: Driver): Promise<TestPage> {
  const ext = await driver.extensionPage('popup.html?tabId=999999');
  await expect.poll(() => backgroundReady(ext)).toBe(true);
  return ext;
}

export async function syncronisLoginKeepsSessionAndDropsAnalytics(driver: Driver, server: DemoServer): Promise<void> {
  const ext = await waitForExtension(driver);
  const page = await driver.newPage();
  const home = server.url('syncronis.test', '/');
  await page.goto(home);
  await page.fill('#username', 'alice');
  await page.fill('#password', 'correct horse');
  await page.clickAndNavigate('#login');
  await page.reload();

  // The login survives: both essential cookies stay, and the server still knows the user.
  await expect.poll(() => cookieNames(ext, 'syncronis.test')).toEqual(['csrf_token', 'session']);
  expect(await page.text('#status')).toContain('Signed in as alice');

  const tabId = await tabIdOf(ext, server.url('syncronis.test', ''));
  expect(tabId).not.toBeNull();
  // _ga and _gid are declared through "Google Analytics" (expanded provider), _hjid is not; all three were
  // set although Do Not Track / GPC said no: three breaches, the badge says so.
  await expect.poll(() => badgeText(ext, tabId!)).toBe('3');

  const popup = await driver.extensionPage(`popup.html?tabId=${tabId}`);
  await expect
    .poll(async () => byName(await popupRows(popup)))
    .toMatchObject({
      session: { state: 'kept', declared: 'true', purpose: 'essential', breaches: '' },
      csrf_token: { state: 'kept', declared: 'true', purpose: 'essential', breaches: '' },
      _ga: { state: 'removed', declared: 'true', purpose: 'analytics', breaches: 'despite-refusal' },
      _gid: { state: 'removed', declared: 'true', purpose: 'analytics', breaches: 'despite-refusal' },
      _hjid: { state: 'removed', declared: 'false', purpose: 'analytics', breaches: 'undeclared despite-refusal' },
    });
  expect(await popupText(popup, 'policy')).toContain(server.url('syncronis.test', '/cookie-policy'));
  await popup.close();
  await page.close();
  await ext.close();
}

export async function kopanoKeepsNecessaryAndDropsTrackers(driver: Driver, server: DemoServer): Promise<void> {
  const ext = await waitForExtension(driver);
  const page = await driver.newPage();
  await page.goto(server.url('kopano.test', '/'));
  await expect
    .poll(() => cookieNames(ext, 'kopano.test'))
    .toEqual(['PHPSESSID', 'cookielawinfo-checkbox-necessary']);
  // YSC belongs to youtube.test, which needs it (the Open Cookie Database's "Functional": essential): kopano's
  // policy calls it advertising but cannot remove another site's cookie (issue 8). Where the browser
  // partitions it (Firefox's Total Cookie Protection), the copy is kopano's alone, and removed.
  await expect.poll(() => cookieNames(ext, 'youtube.test')).toEqual(driver.name === 'chromium' ? ['YSC'] : []);
  await page.reload();
  expect(await page.text('#status')).toContain('Session active');

  const tabId = await tabIdOf(ext, server.url('kopano.test', ''));
  // The badge counts the cookies in breach: _fbp is undeclared, and every tracker was set despite DNT / GPC.
  await expect.poll(async () => `${await badgeText(ext, tabId!)} = ${await breachRows(driver, tabId!)}`).toMatch(/^([1-9]\d*) = \1$/);
  const popup = await driver.extensionPage(`popup.html?tabId=${tabId}`);
  await expect
    .poll(async () => byName(await popupRows(popup)))
    .toMatchObject({
      PHPSESSID: { state: 'kept', declared: 'true', purpose: 'essential' },
      'cookielawinfo-checkbox-necessary': { state: 'kept', declared: 'true', purpose: 'essential' },
      '_pk_id.1.a1b2': { state: 'removed', declared: 'true', purpose: 'analytics' },
      '_pk_ses.1.a1b2': { state: 'removed', declared: 'true', purpose: 'analytics' },
      _fbp: { state: 'removed', declared: 'false', breaches: 'undeclared despite-refusal' },
      YSC: { state: driver.name === 'chromium' ? 'kept-for-other-site' : 'removed', declared: 'true', purpose: 'advertising' },
      VISITOR_INFO1_LIVE: { state: 'removed', declared: 'true', purpose: 'advertising' },
      // Partitioned (CHIPS in Chromium; Firefox partitions every third-party cookie): removed with its key.
      IDE: { state: 'removed', declared: 'true', purpose: 'advertising' },
    });
  await popup.close();
  await page.close();
  await ext.close();
}

/**
 * The per-site choice from the popup: "Allow all" keeps Kopano's Matomo cookies; back to the default
 * (essential only) removes them again at once. The default itself is set on the options page.
 */
export async function perSiteChoiceFromThePopup(driver: Driver, server: DemoServer): Promise<void> {
  const ext = await waitForExtension(driver);
  const page = await driver.newPage();
  await page.goto(server.url('kopano.test', '/'));
  const tabId = await tabIdOf(ext, server.url('kopano.test', ''));
  const popup = await driver.extensionPage(`popup.html?tabId=${tabId}`);
  await expect.poll(async () => (await popupRows(popup)).some((r) => r.name === '_pk_id.1.a1b2')).toBe(true);
  await popup.select('#site-choice', 'allow-all');
  await page.reload();
  await expect.poll(() => cookieNames(ext, 'kopano.test')).toContain('_pk_id.1.a1b2');
  expect(await cookieNames(ext, 'kopano.test')).toContain('_fbp');
  // The store lookup sees partitioned cookies too: the emptiness checked elsewhere is real.
  await expect.poll(() => cookieNames(ext, 'youtube.test')).toContain('IDE');

  // Back to the default: what the choice no longer allows goes at once, the session stays.
  await popup.select('#site-choice', '');
  await expect.poll(() => cookieNames(ext, 'kopano.test')).toEqual(['PHPSESSID', 'cookielawinfo-checkbox-necessary']);
  await expect.poll(() => cookieNames(ext, 'youtube.test')).toEqual(driver.name === 'chromium' ? ['YSC'] : []);

  // The options page sets the default for every site; a newly opened options page shows the stored value.
  const options = await driver.extensionPage('options.html');
  await options.select('#default-choice', 'essential-functional');
  const again = await driver.extensionPage('options.html');
  await expect.poll(() => again.evaluate<string>(`document.querySelector('#default-choice')?.value ?? ''`)).toBe('essential-functional');
  await again.select('#default-choice', 'essential-only');
  await again.close();
  await options.close();
  await popup.close();
  await page.close();
  await ext.close();
}

/** Every request the demo server saw carried DNT and Sec-GPC, and pages saw navigator.globalPrivacyControl. */
export function everyRequestCarriedSignals(server: DemoServer): void {
  expect(server.requests.length).toBeGreaterThan(5);
  const bare = server.requests.filter((r) => r.dnt !== '1' || r.secGpc !== '1').map((r) => `${r.method} ${r.host}${r.path}`);
  expect(bare).toEqual([]);
  const reportedHosts = new Set(server.reports.map((r) => r.host));
  expect([...reportedHosts].sort()).toEqual(expect.arrayContaining(['kopano.test', 'syncronis.test']));
  for (const report of server.reports) expect(report.body).toMatchObject({ gpc: true, dnt: '1' });
}

/**
 * Chromium's default: unpartitioned third-party cookies blocked. The embedded YouTube frame then sets
 * nothing, and everything else works as with them allowed (../shared/E2E.md).
 */
export async function kopanoWithThirdPartyCookiesBlocked(driver: Driver, server: DemoServer): Promise<void> {
  const ext = await waitForExtension(driver);
  const page = await driver.newPage();
  await page.goto(server.url('kopano.test', '/'));
  await expect.poll(() => cookieNames(ext, 'kopano.test')).toEqual(['PHPSESSID', 'cookielawinfo-checkbox-necessary']);
  // The iframe was requested; the browser refused its unpartitioned cookies, and we removed the partitioned one.
  expect(server.requests.some((r) => r.host === 'youtube.test' && r.path.startsWith('/embed/'))).toBe(true);
  await expect.poll(() => cookieNames(ext, 'youtube.test')).toEqual([]);
  const tabId = await tabIdOf(ext, server.url('kopano.test', ''));
  // IDE, _fbp, _pk_id, _pk_ses: trackers set despite DNT / GPC (_fbp undeclared too).
  await expect.poll(() => badgeText(ext, tabId!)).toBe('4');
  const popup = await driver.extensionPage(`popup.html?tabId=${tabId}`);
  // CHIPS cookies are allowed even here: the partitioned IDE is set, and removed.
  await expect.poll(async () => (await popupRows(popup)).map((r) => `${r.name}:${r.state}`).sort()).toEqual([
    'IDE:removed',
    'PHPSESSID:kept',
    '_fbp:removed',
    '_pk_id.1.a1b2:removed',
    '_pk_ses.1.a1b2:removed',
    'cookielawinfo-checkbox-necessary:kept',
  ]);
  await popup.close();
  await page.close();
  await ext.close();
}

/**
 * Chromium stops an idle MV3 worker; the next popup wakes a worker that has lost its memory. It must still
 * show the site's policy (from the cache) and its cookies (from the store), not an empty page.
 */
export async function popupAfterTheWorkerStopped(driver: Driver, server: DemoServer): Promise<void> {
  const ext = await waitForExtension(driver);
  const page = await driver.newPage();
  await page.goto(server.url('kopano.test', '/'));
  const tabId = await tabIdOf(ext, server.url('kopano.test', ''));
  const popup = await driver.extensionPage(`popup.html?tabId=${tabId}`);
  await expect.poll(async () => byName(await popupRows(popup))).toMatchObject({ _fbp: { state: 'removed' }, PHPSESSID: { state: 'kept' } });
  const before = (await popupRows(popup)).map((r) => `${r.name}:${r.state}:${r.breaches}`).sort();
  await popup.close();
  // Observations are written on a debounce: wait until this page's are stored, as a worker idle for 30 s has.
  await expect.poll(() => storedObservationNames(ext, 'kopano.test')).toContain('_fbp');
  await ext.close();

  await driver.stopWorker!();
  const after = await driver.extensionPage(`popup.html?tabId=${tabId}`);
  // What the site has is read back from the store; what was removed, and every breach, comes back from the
  // stored observations (issue 10): the popup shows the same rows as before the worker stopped.
  await expect.poll(async () => (await popupRows(after)).map((r) => `${r.name}:${r.state}:${r.breaches}`).sort()).toEqual(before);
  expect(await popupText(after, 'policy')).toContain(server.url('kopano.test', '/privacy-cookie-policy'));
  await after.close();
  await page.close();
}

export const journeys: readonly Journey[] = [
  ['syncronis login survives, analytics cookies are removed', (c) => syncronisLoginKeepsSessionAndDropsAnalytics(c.driver, c.server)],
  ['kopano keeps necessary cookies, removes Matomo, Facebook and YouTube trackers; YSC stays with its owner', (c) => kopanoKeepsNecessaryAndDropsTrackers(c.driver, c.server)],
  ['a per-site choice from the popup, the default from the options page', (c) => perSiteChoiceFromThePopup(c.driver, c.server)],
  ['every request carried DNT and Sec-GPC; pages saw globalPrivacyControl', (c) => everyRequestCarriedSignals(c.server)],
];
