/**
 * Issue 5's journeys, written once and run in Chromium and Firefox ESR (one spec file each): the policy
 * is found through a consent platform, a page link, a usual path, one hop from the privacy policy, a
 * German-only link, or not at all; failing policy servers show their state while the rest keeps working;
 * a refreshed policy that declares other cookies shows what changed.
 */
import http from 'node:http';
import { expect } from '@playwright/test';
import type { DemoServer } from '../../demo-sites/server';
import { EXT_API, type Driver, type TestPage } from '../support/driver';
import { badgeText, popupRows, tabIdOf } from '../support/extension';
import { waitForExtension } from './skeleton';
import type { Journey } from '../support/spec';
import { breachRows } from '../support/extension';

interface PolicyState {
  status: string;
  text: string;
  sources: Array<{ kind: string; via: string; url: string }>;
  change: { added: string; removed: string; text: string } | null;
}

async function policyState(popup: TestPage): Promise<PolicyState> {
  return popup.evaluate<PolicyState>(`(() => {
    const section = document.querySelector('[data-testid="policy"]');
    const change = document.querySelector('[data-testid="policy-change"]');
    return {
      status: section?.getAttribute('data-status') ?? '',
      text: document.querySelector('[data-testid="policy-status"]')?.textContent ?? '',
      sources: [...document.querySelectorAll('[data-testid="policy-source"]')].map((li) => ({
        kind: li.getAttribute('data-kind'), via: li.getAttribute('data-via'), url: li.querySelector('a, .url')?.textContent ?? '' })),
      change: change ? { added: change.getAttribute('data-added'), removed: change.getAttribute('data-removed'), text: change.textContent } : null,
    };
  })()`);
}

/** GET a demo site's own JSON endpoint (counters, logs) straight from Node, with the site's Host header. */
function siteJson<T>(server: DemoServer, host: string, path: string, method = 'GET'): Promise<T> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: server.httpPort, path, method, headers: { host }, agent: false }, (res) => {
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

const byName = (rows: Array<{ name: string }>) => Object.fromEntries(rows.map((r) => [r.name, r]));

interface Visit {
  page: TestPage;
  popup: TestPage;
  tabId: number;
}

async function visit(driver: Driver, ext: TestPage, server: DemoServer, host: string): Promise<Visit> {
  const page = await driver.newPage();
  await page.goto(server.url(host, '/'));
  let tabId: number | null = null;
  await expect.poll(async () => (tabId = await tabIdOf(ext, server.url(host, '')))).not.toBeNull();
  const popup = await driver.extensionPage(`popup.html?tabId=${tabId}`);
  return { page, popup, tabId: tabId! };
}

async function closeVisit(v: Visit): Promise<void> {
  await v.popup.close();
  await v.page.close();
}

/** Open the hanging site first: its 10 s time-out runs while every other journey goes on. */
export async function startHangingSite(driver: Driver, server: DemoServer): Promise<Visit> {
  const ext = await waitForExtension(driver);
  const v = await visit(driver, ext, server, 'hanging.test');
  await expect.poll(async () => (await policyState(v.popup)).status).toBe('loading');
  await ext.close();
  return v;
}

export async function finishHangingSite(v: Visit, server: DemoServer): Promise<void> {
  // The product default (10 s) applies; the rest of the run has used most of it already.
  await expect
    .poll(async () => (await policyState(v.popup)).text, { timeout: 25_000 })
    .toContain('Policy unavailable: timed out');
  expect((await siteJson<{ count: number }>(server, 'hanging.test', '/__count')).count).toBe(1);
  // The extension still judges the site's cookies meanwhile: _ga goes (known analytics), sid stays.
  await expect.poll(async () => byName(await popupRows(v.popup))).toMatchObject({
    _ga: { state: 'removed' },
    sid: { state: 'kept' },
  });
  await closeVisit(v);
}

export async function cookiebotSiteMergesPlatformAndPage(driver: Driver, server: DemoServer): Promise<void> {
  const ext = await waitForExtension(driver);
  const v = await visit(driver, ext, server, 'purplemath.test');
  await expect.poll(async () => (await policyState(v.popup)).status).toBe('found');
  const state = await policyState(v.popup);
  expect(state.sources.map((s) => [s.kind, s.via])).toEqual([
    ['cookiebot', 'consent-platform'],
    ['html', 'page-link'],
  ]);
  expect(state.sources[0]!.url).toContain('consent.cookiebot.test');
  await expect.poll(async () => byName(await popupRows(v.popup))).toMatchObject({
    PHPSESSID: { state: 'kept', declared: 'true', purpose: 'essential' },
    CookieConsent: { state: 'kept', declared: 'true', purpose: 'essential' },
    cart_id: { state: 'kept', declared: 'true', purpose: 'essential' },
    _ga: { state: 'removed', declared: 'true', purpose: 'analytics' },
    __gads: { state: 'removed', declared: 'true', purpose: 'advertising' },
    _fbp: { state: 'removed', declared: 'false', breaches: 'undeclared despite-refusal' },
  });
  await expect.poll(async () => `${await badgeText(ext, v.tabId)} = ${await breachRows(driver, v.tabId)}`).toMatch(/^([1-9]\d*) = \1$/);
  // Each cookie keeps the source it came from.
  const sourceOf = (name: string) =>
    v.popup.evaluate<string>(`document.querySelector('tr[data-cookie="${name}"] [data-testid="cookie-source"]')?.getAttribute('title') ?? ''`);
  expect(await sourceOf('PHPSESSID')).toContain('consent.cookiebot.test');
  expect(await sourceOf('cart_id')).toBe(server.url('purplemath.test', '/cookie-policy'));
  // Cookiebot only answers with the declaration to a request that carries the site as Referer.
  const seen = await siteJson<{ referers: Array<string | null> }>(server, 'consent.cookiebot.test', '/__seen');
  expect(seen.referers).toContain(server.url('purplemath.test', '/'));
  // The Referer rule lived for that one request only.
  await expect.poll(() => ext.evaluate<number>(`${EXT_API}.declarativeNetRequest.getSessionRules().then((r) => r.length)`)).toBe(0);
  await closeVisit(v);
  await ext.close();
}

export async function oneTrustSiteReadsTheLanguageJson(driver: Driver, server: DemoServer): Promise<void> {
  const ext = await waitForExtension(driver);
  const v = await visit(driver, ext, server, 'metabomb.test');
  await expect.poll(async () => (await policyState(v.popup)).status).toBe('found');
  expect((await policyState(v.popup)).sources.map((s) => [s.kind, s.via])).toEqual([['onetrust', 'consent-platform']]);
  await expect.poll(async () => byName(await popupRows(v.popup))).toMatchObject({
    OptanonAlertBoxClosed: { state: 'kept', declared: 'true', purpose: 'essential' },
    _ga: { state: 'removed', declared: 'true', purpose: 'analytics' },
    __gads: { state: 'removed', declared: 'true', purpose: 'advertising' },
    _hjid: { state: 'removed', declared: 'false', breaches: 'undeclared despite-refusal' },
  });
  await closeVisit(v);
  await ext.close();
}

/** usualpath (usual path), privacyhop (one hop from the privacy policy), baeckerei (German-only link). */
export async function pagePathsFindThePolicy(driver: Driver, server: DemoServer): Promise<void> {
  const ext = await waitForExtension(driver);
  const cases: Array<[string, string, string, Record<string, object>]> = [
    ['usualpath.test', 'usual-path', '/legal/cookies', {
      sessionid: { state: 'kept', declared: 'true', purpose: 'essential' },
      _ga: { state: 'removed', declared: 'true', purpose: 'analytics' },
      _hjid: { state: 'removed', declared: 'false', breaches: 'undeclared despite-refusal' },
    }],
    ['privacyhop.test', 'linked-policy', '/cookie-policy', {
      session: { state: 'kept', declared: 'true', purpose: 'essential' },
      _ga: { state: 'removed', declared: 'true', purpose: 'analytics' },
      _hjid: { state: 'removed', declared: 'false', breaches: 'undeclared despite-refusal' },
    }],
    ['baeckerei.test', 'page-link', '/rechtliches/cookie-richtlinie', {
      PHPSESSID: { state: 'kept', declared: 'true', purpose: 'essential' },
      warenkorb: { state: 'kept', declared: 'true', purpose: 'essential' },
      _pk_id: { state: 'removed', declared: 'true', purpose: 'analytics' },
      _fbp: { state: 'removed', declared: 'false', breaches: 'undeclared despite-refusal' },
    }],
  ];
  for (const [host, via, path, rows] of cases) {
    const v = await visit(driver, ext, server, host);
    await expect.poll(async () => (await policyState(v.popup)).status, { message: host }).toBe('found');
    const state = await policyState(v.popup);
    expect(state.sources.map((s) => [s.kind, s.via, s.url]), host).toEqual([['html', via, server.url(host, path)]]);
    await expect.poll(async () => byName(await popupRows(v.popup)), { message: host }).toMatchObject(rows);
    await closeVisit(v);
  }
  // A declaration of usualpath.test covers its subdomains: www uses it without looking again.
  const www = await visit(driver, ext, server, 'www.usualpath.test');
  await expect.poll(async () => (await policyState(www.popup)).sources.map((s) => s.url)).toEqual([server.url('usualpath.test', '/legal/cookies')]);
  await expect.poll(async () => byName(await popupRows(www.popup))).toMatchObject({
    sessionid: { state: 'kept', declared: 'true', purpose: 'essential' },
    _ga: { state: 'removed', declared: 'true', purpose: 'analytics' },
  });
  await closeVisit(www);
  await ext.close();
}

export async function noPolicySaysWhy(driver: Driver, server: DemoServer): Promise<void> {
  const ext = await waitForExtension(driver);
  const v = await visit(driver, ext, server, 'nopolicy.test');
  await expect.poll(async () => (await policyState(v.popup)).status).toBe('none');
  const state = await policyState(v.popup);
  expect(state.text).toContain('No policy found: no consent platform, no policy link on the page');
  expect(state.text).toContain('Every non-essential cookie counts as undeclared');
  await expect.poll(async () => byName(await popupRows(v.popup))).toMatchObject({
    sid: { state: 'kept', declared: 'false', breaches: '' },
    _ga: { state: 'removed', declared: 'false', breaches: 'undeclared despite-refusal' },
  });
  await closeVisit(v);
  await ext.close();
}

export async function failingServersShowTheirState(driver: Driver, server: DemoServer): Promise<void> {
  const ext = await waitForExtension(driver);
  const cases: Array<[string, string]> = [
    ['status500.test', 'Policy unavailable: HTTP 500'],
    ['huge.test', 'Policy unavailable: larger than 5 MB'],
    ['redirectloop.test', 'Policy unavailable: too many redirects'],
  ];
  for (const [host, text] of cases) {
    const v = await visit(driver, ext, server, host);
    await expect.poll(async () => (await policyState(v.popup)).text, { message: host }).toContain(text);
    await expect.poll(async () => byName(await popupRows(v.popup)), { message: host }).toMatchObject({
      _ga: { state: 'removed' },
      sid: { state: 'kept' },
    });
    if (host === 'status500.test') {
      // Retried with backoff, not on every visit: a reload does not fetch the policy again.
      await v.page.reload();
      await expect.poll(async () => (await policyState(v.popup)).text).toContain('Trying again after');
      expect((await siteJson<{ count: number }>(server, host, '/__count')).count).toBe(1);
    }
    await closeVisit(v);
  }
  const huge = await siteJson<{ bytes: number }>(server, 'huge.test', '/__count');
  expect(huge.bytes).toBeLessThan(30 * 1024 * 1024);
  // The platform follows redirects; we stop past 5 (1 request + 5 redirects), not at the browsers' own 20.
  const loop = await siteJson<{ count: number }>(server, 'redirectloop.test', '/__count');
  // Firefox cancels the 7th request itself (blocking webRequest); Chromium's abort is asynchronous.
  if (driver.name === 'firefox') expect(loop.count).toBe(6);
  else expect(loop.count).toBeLessThanOrEqual(8);
  console.log(`[discovery] ${'huge.test'} bytes sent ${huge.bytes}; redirectloop.test requests ${loop.count}`);
  await ext.close();
}

export async function changedPolicyShowsTheDifference(driver: Driver, server: DemoServer): Promise<void> {
  const ext = await waitForExtension(driver);
  const v = await visit(driver, ext, server, 'changing.test');
  await expect.poll(async () => (await policyState(v.popup)).status).toBe('found');
  const checkAgain = `(document.querySelector('[data-testid="check-again"]').click(), true)`;

  // Unchanged: revalidated with If-None-Match, answered 304, no change shown.
  await v.popup.evaluate(checkAgain);
  await expect.poll(() => siteJson<{ notModified: number }>(server, 'changing.test', '/__log')).toMatchObject({ notModified: 1 });
  expect((await policyState(v.popup)).change).toBeNull();

  // Version 2 declares _fbp instead of _gid.
  await siteJson(server, 'changing.test', '/__bump', 'POST');
  await v.popup.evaluate(checkAgain);
  await expect.poll(async () => (await policyState(v.popup)).change).toMatchObject({ added: '_fbp', removed: '_gid' });
  expect((await policyState(v.popup)).change!.text).toMatch(/Policy changed on \d{4}-\d{2}-\d{2}: \+1 \/ -1 cookies/);
  // _fbp is declared now: still removed (advertising), but no longer a breach.
  await expect.poll(async () => byName(await popupRows(v.popup))).toMatchObject({
    _fbp: { state: 'removed', declared: 'true', breaches: 'despite-refusal' },
  });
  await closeVisit(v);
  await ext.close();
}

export const journeys: readonly Journey[] = [
  ['a policy server that hangs shows "loading" while the rest goes on', async (c) => void c.state.set('hanging', await startHangingSite(c.driver, c.server))],
  ['Cookiebot cc.js (sent with the site as Referer) merged with the cookie page', (c) => cookiebotSiteMergesPlatformAndPage(c.driver, c.server)],
  ['OneTrust ruleset and language JSON', (c) => oneTrustSiteReadsTheLanguageJson(c.driver, c.server)],
  ['a usual path, one hop from the privacy policy, a German-only link', (c) => pagePathsFindThePolicy(c.driver, c.server)],
  ['no policy anywhere: the popup says why, non-essential cookies are undeclared', (c) => noPolicySaysWhy(c.driver, c.server)],
  ['500, 50 MB and a redirect loop show their state; cookies are still judged', (c) => failingServersShowTheirState(c.driver, c.server)],
  ['a refreshed policy: 304 when unchanged, "+N / -M cookies" when changed', (c) => changedPolicyShowsTheDifference(c.driver, c.server)],
  ['the hanging policy server ends as "timed out"', (c) => finishHangingSite(c.state.get('hanging') as Awaited<ReturnType<typeof startHangingSite>>, c.server)],
];
