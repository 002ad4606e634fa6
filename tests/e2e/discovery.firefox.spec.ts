import { test } from '@playwright/test';
import { startDemoServer, type DemoServer } from '../demo-sites/server';
import { launchFirefox } from './support/firefox';
import type { Driver } from './support/driver';
import * as journey from './journeys/discovery';

test.describe.configure({ mode: 'serial' });

let server: DemoServer;
let driver: Driver;
let hanging: Awaited<ReturnType<typeof journey.startHangingSite>>;

test.beforeAll(async () => {
  server = await startDemoServer();
  driver = await launchFirefox(server.hosts);
});

test.afterAll(async () => {
  await driver?.close();
  await server?.close();
});

test('firefox: a policy server that hangs shows "loading" while the rest goes on', async () => {
  hanging = await journey.startHangingSite(driver, server);
});

test('firefox: Cookiebot cc.js (sent with the site as Referer) merged with the cookie page', async () => {
  await journey.cookiebotSiteMergesPlatformAndPage(driver, server);
});

test('firefox: OneTrust ruleset and language JSON', async () => {
  await journey.oneTrustSiteReadsTheLanguageJson(driver, server);
});

test('firefox: a usual path, one hop from the privacy policy, a German-only link', async () => {
  await journey.pagePathsFindThePolicy(driver, server);
});

test('firefox: no policy anywhere: the popup says why, non-essential cookies are undeclared', async () => {
  await journey.noPolicySaysWhy(driver, server);
});

test('firefox: 500, 50 MB and a redirect loop show their state; cookies are still judged', async () => {
  await journey.failingServersShowTheirState(driver, server);
});

test('firefox: a refreshed policy: 304 when unchanged, "+N / -M cookies" when changed', async () => {
  await journey.changedPolicyShowsTheDifference(driver, server);
});

test('firefox: the hanging policy server ends as "timed out"', async () => {
  await journey.finishHangingSite(hanging, server);
});
