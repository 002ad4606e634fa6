import { test } from '@playwright/test';
import { startDemoServer, type DemoServer } from '../demo-sites/server';
import { launchChromium } from './support/chromium';
import type { Driver } from './support/driver';
import * as journey from './journeys/skeleton';

test.describe.configure({ mode: 'serial' });

let server: DemoServer;
let driver: Driver;

test.beforeAll(async () => {
  server = await startDemoServer();
  driver = await launchChromium({ thirdPartyCookies: true });
});

test.afterAll(async () => {
  await driver?.close();
  await server?.close();
});

test('chromium: syncronis login survives, analytics cookies are removed', async () => {
  await journey.syncronisLoginKeepsSessionAndDropsAnalytics(driver, server);
});

test('chromium: kopano keeps necessary cookies, removes Matomo, Facebook and YouTube', async () => {
  await journey.kopanoKeepsNecessaryAndDropsTrackers(driver, server);
});

test('chromium: a per-site choice from the popup, the default from the options page', async () => {
  await journey.perSiteChoiceFromThePopup(driver, server);
});

test('chromium: every request carried DNT and Sec-GPC; pages saw globalPrivacyControl', () => {
  journey.everyRequestCarriedSignals(server);
});
