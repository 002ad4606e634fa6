/**
 * The UI as a person meets it (issue 14), written once and run in Chromium and Firefox ESR: the first-run
 * page, the popup read at a glance and driven by clicks and keys, the options page (pause, export → reset →
 * import), the report, the badge's words, axe-core on every page, and the pages in German and French.
 * Chromium saves the screenshots linked from the README (docs/screenshots/, light and dark).
 */
import { expect } from '@playwright/test';
import { readFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { DemoServer } from '../../demo-sites/server';
import type { Driver, TestPage } from '../support/driver';
import { ACTION_API, EXT_API } from '../support/driver';
import type { Journey } from '../support/spec';
import { cookieNames, popupRows, tabIdOf } from '../support/extension';
import { ROOT } from '../support/paths';
import { waitForExtension } from './skeleton';
import { writePopupFigures } from '../support/figures';
import { launchChromium } from '../support/chromium';
import { launchFirefox } from '../support/firefox';

const SHOTS = path.join(ROOT, 'docs/screenshots');
const AXE = readFileSync(path.join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');
const byName = <T extends { name: string }>(rows: T[]) => Object.fromEntries(rows.map((r) => [r.name, r]));

interface Violation {
  id: string;
  impact: string;
  help: string;
  nodes: string[];
}

/** axe-core in the page: no serious or critical violation. */
async function expectAccessible(page: TestPage, what: string): Promise<void> {
  await page.evaluate(`(() => { ${AXE}\n; return true; })()`);
  const violations = await page.evaluate<Violation[]>(
    `window.axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations
       .filter((v) => v.impact === 'serious' || v.impact === 'critical')
       .map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) })))`,
  );
  expect(violations, `${what}: ${JSON.stringify(violations, null, 1)}`).toEqual([]);
}

/** Light and dark: axe in each, and (Chromium) the screenshot for the README. */
async function checkSchemes(driver: Driver, page: TestPage, name: string, fullPage = false): Promise<void> {
  for (const scheme of ['light', 'dark'] as const) {
    if (!(await page.setColorScheme(scheme)) && scheme === 'dark') break;
    await expectAccessible(page, `${name} (${scheme})`);
    if (driver.name === 'chromium' && driver.lang === 'en') await page.screenshot(path.join(SHOTS, `${name}-${scheme}.png`), fullPage);
  }
  await page.setColorScheme('light');
}

/** Files the page offers to save are caught in the page (nothing is written anywhere). */
const CATCH_SAVES = `(() => {
  window.__saved = [];
  const create = URL.createObjectURL.bind(URL);
  URL.createObjectURL = (blob) => { window.__saved.push(blob); return create(blob); };
  HTMLAnchorElement.prototype.click = function () { window.__savedNames = [...(window.__savedNames ?? []), this.download]; };
  return true;
})()`;
const lastSaved = <T>(page: TestPage) => page.evaluate<T>(`window.__saved.at(-1).text().then((t) => JSON.parse(t))`);

const settingsOf = (page: TestPage) => page.evaluate<Record<string, unknown>>(`${EXT_API}.runtime.sendMessage({ type: 'get-settings' })`);

async function verdict(popup: TestPage): Promise<{ text: string; parts: Record<string, number> }> {
  return popup.evaluate(`(() => {
    const v = document.querySelector('[data-testid="verdict"]');
    return { text: v?.textContent ?? '', parts: Object.fromEntries([...(v?.querySelectorAll('[data-part]') ?? [])].map((s) => [s.dataset.part, Number(s.dataset.count)])) };
  })()`);
}

async function syncronisSignedIn(driver: Driver, server: DemoServer): Promise<{ page: TestPage; tabId: number }> {
  const page = await driver.newPage();
  await page.goto(server.url('syncronis.test', '/'));
  await page.fill('#username', 'alice');
  await page.fill('#password', 'correct horse');
  await page.clickAndNavigate('#login');
  await page.reload();
  const ext = await driver.extensionPage('popup.html?tabId=999999');
  const tabId = (await tabIdOf(ext, server.url('syncronis.test', '')))!;
  await ext.close();
  return { page, tabId };
}

export async function firstRunPage(driver: Driver): Promise<void> {
  const ext = await waitForExtension(driver);
  // Opened by the extension on install.
  await expect.poll(() => ext.evaluate<string[]>(`${EXT_API}.tabs.query({}).then((ts) => ts.map((t) => t.url ?? ''))`)).toEqual(
    expect.arrayContaining([expect.stringMatching(/\/welcome\.html$/)]),
  );
  const welcome = await driver.extensionPage('welcome.html');
  await welcome.setViewport(1000, 800);
  await expect.poll(() => welcome.evaluate<number>(`document.querySelectorAll('.steps > li').length`)).toBe(3);
  expect(await welcome.text('h1')).toBe('Welcome to Cookie Warden');
  expect(await welcome.text('[data-testid="pin-hint"]')).toContain('Pin the button');
  await checkSchemes(driver, welcome, 'welcome', true);
  await welcome.close();
  await ext.close();
}

export async function popupAtAGlance(driver: Driver, server: DemoServer): Promise<void> {
  await waitForExtension(driver);
  const { page, tabId } = await syncronisSignedIn(driver, server);
  const popup = await driver.extensionPage(`popup.html?tabId=${tabId}`);
  await popup.setViewport(600, 600);
  // The verdict line and the rows agree: 3 removed · 2 kept · 3 breaches of its own policy (_hjid undeclared;
  // _ga, _gid and _hjid set although Do Not Track / GPC said no).
  await expect.poll(async () => (await verdict(popup)).parts).toEqual({ verdictRemoved: 3, verdictKept: 2, verdictBreaches: 3 });
  expect((await verdict(popup)).text).toBe('3 removed · 2 kept · 3 breaches of its own policy');
  const rows = await popupRows(popup);
  expect(rows.filter((r) => r.state === 'removed')).toHaveLength(3);
  expect(rows.filter((r) => r.state !== 'removed')).toHaveLength(2);
  expect(rows.filter((r) => r.breaches !== '').map((r) => r.name).sort()).toEqual(['_ga', '_gid', '_hjid']);
  // Grouped by purpose; the policy source says how it was found, and links in a new tab.
  expect(await popup.evaluate<string[]>(`[...document.querySelectorAll('table.cookies')].map((t) => t.dataset.group)`)).toEqual(['essential', 'analytics']);
  const link = await popup.evaluate<{ href: string; target: string }>(
    `(() => { const a = document.querySelector('[data-testid="policy-source"] a'); return { href: a?.href ?? '', target: a?.target ?? '' }; })()`,
  );
  expect(link).toEqual({ href: server.url('syncronis.test', '/cookie-policy'), target: '_blank' });
  // Fits the popup: no horizontal scroll at 800 × 600.
  expect(await popup.evaluate<boolean>(`document.documentElement.scrollWidth <= document.documentElement.clientWidth`)).toBe(true);
  await checkSchemes(driver, popup, 'popup');

  // The filter, by click: breaches only; the counts on the buttons match the rows shown.
  await popup.click('[data-filter="breaches"]');
  expect((await popupRows(popup)).map((r) => r.name).sort()).toEqual(['_ga', '_gid', '_hjid']);
  expect(await popup.text('[data-filter="breaches"]')).toBe('Breaches (3)');
  // By keys: the "Removed" button, then the search box.
  await popup.focus('[data-filter="removed"]');
  await popup.press('Enter');
  expect((await popupRows(popup)).map((r) => r.name).sort()).toEqual(['_ga', '_gid', '_hjid']);
  await popup.focus('#cookie-search');
  await popup.type('_g');
  expect((await popupRows(popup)).map((r) => r.name).sort()).toEqual(['_ga', '_gid']);
  await popup.focus('[data-filter="all"]');
  await popup.press(' ');
  await popup.focus('#cookie-search');
  for (let i = 0; i < 2; i++) await popup.press('Backspace');
  expect(await popupRows(popup)).toHaveLength(5);

  // Opening a row with the keyboard shows its breach and evidence.
  await popup.focus('tr[data-cookie="_hjid"] .row-toggle');
  await popup.press('Enter');
  const details = await popup.text('[data-testid="cookie-details"]');
  expect(details).toContain('not listed in the site’s cookie policy');
  expect(details).toContain('Declared as');
  expect(await popup.evaluate<string>(`document.querySelector('tr[data-cookie="_hjid"] .row-toggle').getAttribute('aria-expanded')`)).toBe('true');
  await checkSchemes(driver, popup, 'popup-details');

  // "Allow all": the rows say at once what the choice allows now, and a reload is offered.
  await popup.select('#site-choice', 'allow-all');
  await expect.poll(() => popup.evaluate<boolean>(`!!document.querySelector('[data-testid="reload-offer"]')`)).toBe(true);
  // Allowed now: either the row says so (reload to set it again), or the page's cookie guard has already
  // written back what it refused (issue 11), and the row says kept.
  await expect.poll(() => popup.text('tr[data-cookie="_ga"]')).toMatch(/allowed now|kept/);
  expect(await popup.text('[data-testid="choice-reason"]')).toContain('You chose this for this site');
  await popup.click('[data-testid="reload"]');
  await expect.poll(() => cookieNames(popup, 'syncronis.test')).toEqual(expect.arrayContaining(['_ga', '_gid', 'session']));
  await expect.poll(async () => byName(await popupRows(popup))._ga?.state).toBe('kept');
  // Back to the default removes them again, and the verdict follows.
  await popup.select('#site-choice', '');
  await expect.poll(async () => (await verdict(popup)).parts.verdictRemoved).toBe(3);

  // The badge says it in words.
  expect(await popup.evaluate<string>(`${ACTION_API}.getTitle({ tabId: ${tabId} })`)).toBe(
    'Cookie Warden: breaches of its own policy on syncronis.test: 3',
  );
  // Coloured by the worst kind: tracking set despite refusal is the worst (red, #b00020).
  expect(await popup.evaluate<number[]>(`${ACTION_API}.getBadgeBackgroundColor({ tabId: ${tabId} })`)).toEqual([0xb0, 0x00, 0x20, 255]);
  await popup.close();
  await page.close();
}

export async function popupWithoutASite(driver: Driver): Promise<void> {
  const gone = await driver.extensionPage('popup.html?tabId=999999');
  await expect.poll(() => gone.evaluate<string>(`document.querySelector('[data-testid="no-site"]')?.textContent ?? ''`)).toContain('This tab no longer exists');
  // An extension page is a tab, but not a web site.
  const self = (await tabIdOf(gone, `${driver.name === 'chromium' ? 'chrome' : 'moz'}-extension://`))!;
  const notWeb = await driver.extensionPage(`popup.html?tabId=${self}`);
  await expect.poll(() => notWeb.evaluate<string>(`document.querySelector('[data-testid="no-site"]')?.textContent ?? ''`)).toContain('not a web site');
  await expectAccessible(notWeb, 'popup without a site');
  await notWeb.close();
  await gone.close();
}

export async function optionsPauseAndBackup(driver: Driver, server: DemoServer): Promise<void> {
  // Per-site choices made in the popup are listed on the options page, editable and removable.
  const ext = await driver.extensionPage('popup.html?tabId=999999');
  await ext.evaluate(`${EXT_API}.runtime.sendMessage({ type: 'set-site-choice', site: 'kopano.test', choice: 'allow-all' })`);
  await ext.evaluate(`${EXT_API}.runtime.sendMessage({ type: 'set-site-choice', site: 'example.test', choice: 'allow-all' })`);
  const options = await driver.extensionPage('options.html');
  await options.setViewport(1000, 900);
  await expect.poll(() => options.evaluate<boolean>(`!!document.querySelector('#paused')`)).toBe(true);
  await options.select('#default-choice', 'essential-functional');
  await expect.poll(() => options.evaluate<string[]>(`[...document.querySelectorAll('[data-testid="site-choices"] tr[data-site]')].map((r) => r.dataset.site)`)).toEqual(['example.test', 'kopano.test']);
  await options.select('tr[data-site="kopano.test"] select', 'essential-only');
  await options.click('[data-remove-site="example.test"]');
  await expect.poll(async () => (await settingsOf(options)).siteChoices).toEqual({ 'kopano.test': 'essential-only' });
  // Retention, typed and confirmed by leaving the field.
  await options.focus('#retention');
  await options.evaluate(`(document.querySelector('#retention').select(), true)`);
  await options.type('90');
  await options.press('Tab');
  await expect.poll(async () => (await settingsOf(options)).retentionDays).toBe(90);
  await checkSchemes(driver, options, 'options', true);

  // Clear history: the removed cookies remembered so far are forgotten, and the page says how many.
  await options.click('#clear-history');
  await expect.poll(() => options.text('[data-testid="options-message"]')).toMatch(/^History cleared: \d+ removed cookies? forgotten\.$/);

  // Pause, by keys: nothing is removed while paused.
  await options.focus('#paused');
  await options.press(' ');
  await expect.poll(async () => (await settingsOf(options)).paused).toBe(true);
  const page = await driver.newPage();
  await page.goto(server.url('kopano.test', '/'));
  await expect.poll(() => cookieNames(ext, 'kopano.test')).toContain('_fbp');
  const tabId = (await tabIdOf(ext, server.url('kopano.test', '')))!;
  const popup = await driver.extensionPage(`popup.html?tabId=${tabId}`);
  await expect.poll(() => popup.evaluate<boolean>(`!!document.querySelector('[data-testid="paused-banner"]')`)).toBe(true);
  expect(await cookieNames(ext, 'kopano.test')).toContain('_pk_id.1.a1b2');
  await popup.close();
  // Resumed: what the choice refuses goes.
  await options.focus('#paused');
  await options.press(' ');
  await expect.poll(async () => (await settingsOf(options)).paused).toBe(false);
  await page.reload();
  await expect.poll(() => cookieNames(ext, 'kopano.test')).not.toContain('_fbp');
  await page.close();

  // Export → reset → import gives the same settings.
  const before = await settingsOf(options);
  await options.evaluate(CATCH_SAVES);
  await options.click('#export-settings');
  const exported = await lastSaved<{ format: string; settings: Record<string, unknown> }>(options);
  expect(exported.format).toBe('cookie-warden-settings');
  expect(exported.settings).toEqual(before);
  await options.click('#reset-settings');
  await options.click('#reset-yes');
  await expect.poll(async () => (await settingsOf(options)).defaultChoice).toBe('essential-only');
  expect((await settingsOf(options)).siteChoices).toEqual({});
  const dir = mkdtempSync(path.join(tmpdir(), 'cw-import-'));
  const good = path.join(dir, 'settings.json');
  writeFileSync(good, JSON.stringify(exported));
  await options.upload('#import-file', good);
  await expect.poll(() => settingsOf(options)).toEqual(before);
  await expect.poll(() => options.text('[data-testid="options-message"]')).toContain('Settings imported.');
  // A file that is not ours is explained, and changes nothing.
  const bad = path.join(dir, 'bad.json');
  writeFileSync(bad, JSON.stringify({ defaultChoice: 'allow-all' }));
  await options.upload('#import-file', bad);
  await expect.poll(() => options.text('[data-testid="options-message"]')).toContain('was not exported by Cookie Warden');
  expect(await settingsOf(options)).toEqual(before);
  // Back to the defaults for the journeys after this one.
  await options.click('#reset-settings');
  await options.click('#reset-yes');
  await expect.poll(async () => (await settingsOf(options)).defaultChoice).toBe('essential-only');
  await options.close();
  await ext.close();
}

/**
 * How fast the popup opens with 500 cookie rows on the site (issue 14: ≤ 200 ms). Browsers keep at most 180
 * cookies per site (Chromium's per-domain cap, Firefox's maxPerHost), so 500 cannot be stored at once; but a
 * cookie the extension removed stays listed. So: 330 analytics cookies (`_pk_id.<n>`, Matomo, refused under
 * "essential only") are set in batches of 110 and removed by the extension, then 170 preferences are set and
 * kept: 500 real cookies through the browser and the engine, 500 rows. Each open of the popup (as a page,
 * `popup.html?tabId=`) is timed from the page's start to its first full view (`cw-popup-ready`, set once the
 * rows are in the DOM); the opens go to bench/results.json (writePopupFigures → `npm run bench:e2e`).
 */
export async function popupOpensFast(driver: Driver, server: DemoServer): Promise<void> {
  const ext = await waitForExtension(driver);
  const page = await driver.newPage();
  await page.goto(server.url('kopano.test', '/'));
  const tabId = (await tabIdOf(ext, server.url('kopano.test', '')))!;
  const url = JSON.stringify(server.url('kopano.test', '/'));
  const set = (prefix: string, from: number, n: number) =>
    ext.evaluate(
      `Promise.all(Array.from({ length: ${n} }, (_, i) => ${EXT_API}.cookies.set({ url: ${url}, name: '${prefix}' + (${from} + i), value: '1', expirationDate: Date.now() / 1000 + 86400 }))).then(() => true)`,
    );
  const REMOVED = 330;
  const KEPT = 170;
  for (let from = 0; from < REMOVED; from += 110) {
    await set('_pk_id.', from, 110);
    await expect.poll(async () => (await cookieNames(ext, 'kopano.test')).filter((n) => /^_pk_id\.\d+$/.test(n)).length).toBe(0);
  }
  await set('pref_', 0, KEPT);
  const N = REMOVED + KEPT;
  const warm = await driver.extensionPage(`popup.html?tabId=${tabId}`);
  await expect.poll(async () => (await popupRows(warm)).length).toBeGreaterThanOrEqual(N);
  const rows = await popupRows(warm);
  expect(rows.filter((r) => /^_pk_id\.\d+$/.test(r.name) && r.state === 'removed').length).toBeGreaterThanOrEqual(REMOVED);
  await warm.close();

  const opens: number[] = [];
  const loaded: number[] = [];
  const requests: number[] = [];
  let viewBytes = 0;
  let shown = Number.POSITIVE_INFINITY;
  for (let i = 0; i < 5; i++) {
    const popup = await driver.extensionPage(`popup.html?tabId=${tabId}`);
    await expect.poll(() => popup.evaluate<number>(`performance.getEntriesByName('cw-popup-ready').length`)).toBe(1);
    // The rows the first full view showed (the view is rendered whole: no row arrives later).
    shown = Math.min(shown, await popup.evaluate<number>(`document.querySelectorAll('tr[data-cookie]').length`));
    opens.push(await popup.evaluate<number>(`performance.getEntriesByName('cw-popup-ready')[0].startTime`));
    // Of which the page itself (HTML, script, styles) until DOMContentLoaded; the rest is the view's request and render.
    loaded.push(await popup.evaluate<number>(`performance.getEntriesByType('navigation')[0]?.domContentLoadedEventEnd ?? -1`));
    // And the view's request alone, asked again from the open popup (the background's answer and its transfer).
    const asked = await popup.evaluate<{ ms: number; bytes: number }>(
      `(async () => { const t = performance.now(); const v = await ${EXT_API}.runtime.sendMessage({ type: 'get-site-view', tabId: ${tabId} }); return { ms: performance.now() - t, bytes: v.json.length }; })()`,
    );
    requests.push(asked.ms);
    viewBytes = asked.bytes;
    await popup.close();
  }
  writePopupFigures(driver.name, { rows: shown, openMs: opens, pageLoadedMs: loaded, viewRequestMs: requests });
  const sorted = [...opens].sort((a, b) => a - b);
  console.log(
    `[ui] ${driver.name}: popup with ${shown} cookie rows, first full view after ${opens.map((ms) => ms.toFixed(0)).join(', ')} ms (5 opens; page loaded at ${loaded.map((ms) => ms.toFixed(0)).join(', ')} ms; the view's request alone ${requests.map((ms) => ms.toFixed(0)).join(', ')} ms, ${Math.round(viewBytes / 1024)} KB as JSON)`,
  );
  expect(shown).toBeGreaterThanOrEqual(N);
  // Headless on a shared 2-core machine (load averages above 20 were seen): the bound only catches a popup
  // that hangs; the figures in bench/results.json are what the README reports.
  expect(sorted[2]).toBeLessThan(2_000);
  await ext.evaluate(`Promise.all(Array.from({ length: ${KEPT} }, (_, i) => ${EXT_API}.cookies.remove({ url: ${url}, name: 'pref_' + i })))`);
  await page.close();
  await ext.close();
}

export async function reportOfASite(driver: Driver, server: DemoServer): Promise<void> {
  const { page, tabId } = await syncronisSignedIn(driver, server);
  const popup = await driver.extensionPage(`popup.html?tabId=${tabId}`);
  await expect.poll(async () => (await verdict(popup)).parts.verdictBreaches).toBe(3);
  const report = await driver.extensionPage(`report.html?tabId=${tabId}`);
  await report.setViewport(1000, 800);
  await expect.poll(() => report.evaluate<string>(`document.querySelector('[data-testid="report"]')?.dataset.breaches ?? ''`)).toBe('3');
  const card = await report.text('[data-report-breach="_hjid"]');
  expect(card).toContain('not listed in the site’s cookie policy');
  expect(await report.text('[data-testid="report"]')).toContain(server.url('syncronis.test', '/cookie-policy'));
  expect(await report.text('[data-testid="report"]')).toMatch(/[0-9a-f]{64}/);
  expect(await report.text('[data-testid="report-summary"]')).toBe((await verdict(popup)).text);
  await checkSchemes(driver, report, 'report', true);
  // The saved JSON: every breach with its evidence, never a cookie value.
  await report.evaluate(CATCH_SAVES);
  await report.click('#save-json');
  const json = await lastSaved<{ breaches: Array<{ cookie: { name: string }; policy: unknown }>; policy: { sources: Array<{ sha256: string }> } }>(report);
  expect(json.breaches.map((b) => b.cookie.name).sort()).toEqual(['_ga', '_gid', '_hjid']);
  expect(json.policy.sources[0]!.sha256).toMatch(/^[0-9a-f]{64}$/);
  const values = await report.evaluate<string[]>(`${EXT_API}.cookies.getAll({ domain: 'syncronis.test' }).then((cs) => cs.map((c) => c.value).filter((v) => v.length > 3))`);
  expect(values.length).toBeGreaterThan(0);
  for (const v of values) expect(JSON.stringify(json)).not.toContain(v);
  // The standalone HTML file: the same breach, no script, nothing loaded from anywhere.
  await report.click('#save-html');
  const html = await report.evaluate<string>(`window.__saved.at(-1).text()`);
  expect(html).toMatch(/^<!doctype html>/);
  expect(html).toContain('_hjid');
  expect(html).not.toMatch(/<script|\s(src|href)=/i);
  expect(await report.evaluate<string[]>('window.__savedNames')).toEqual([
    expect.stringMatching(/^cookie-warden-report-syncronis\.test-\d{4}-\d{2}-\d{2}\.json$/),
    expect.stringMatching(/^cookie-warden-report-syncronis\.test-\d{4}-\d{2}-\d{2}\.html$/),
  ]);
  await report.close();
  await popup.close();
  await page.close();
}

/** The pages in German and French: the browser's language picks the words. */
export async function localesLoad(driver: Driver, server: DemoServer): Promise<void> {
  // The DNT / GPC words and the exceptions too (issue 14's leftovers): syncronis says it ignores DNT.
  const expected: Record<string, { title: string; filter: string; exceptions: string; sent: string; reason: string }> = {
    de: { title: 'Cookie Warden – Einstellungen', filter: 'Alle', exceptions: 'Cookie-Ausnahmen', sent: 'Do Not Track und GPC gesendet.', reason: 'Nur notwendige: Laut eigener Aussage ignoriert diese Website Do Not Track' },
    fr: { title: 'Paramètres de Cookie Warden', filter: 'Tous', exceptions: 'Exceptions par cookie', sent: 'Do Not Track et GPC envoyés.', reason: 'Essentiels uniquement : ce site indique ignorer Do Not Track' },
  };
  for (const lang of ['de', 'fr']) {
    const local = driver.name === 'chromium' ? await launchChromium({ thirdPartyCookies: true, lang }) : await launchFirefox(server.hosts, { lang });
    try {
      const options = await local.extensionPage('options.html');
      await expect.poll(() => options.text('h1')).toBe(expected[lang]!.title);
      expect(await options.evaluate<string>('document.documentElement.lang')).toMatch(new RegExp(`^${lang}`));
      await expectAccessible(options, `options (${lang})`);
      expect(await options.text('[data-testid="cookie-exceptions"] h2')).toBe(expected[lang]!.exceptions);
      const page = await local.newPage();
      await page.goto(server.url('syncronis.test', '/'));
      const tabId = (await tabIdOf(options, server.url('syncronis.test', '')))!;
      const popup = await local.extensionPage(`popup.html?tabId=${tabId}`);
      await expect.poll(() => popup.evaluate<string>(`document.querySelector('[data-filter="all"]')?.textContent ?? ''`)).toContain(expected[lang]!.filter);
      await expect.poll(() => popup.evaluate<string>(`document.querySelector('[data-testid="choice-reason"]')?.textContent ?? ''`)).toBe(expected[lang]!.reason);
      expect(await popup.text('[data-testid="signal-stance"]')).toMatch(new RegExp(`^${expected[lang]!.sent}`));
      if (driver.name === 'chromium') await popup.screenshot(path.join(SHOTS, `popup-${lang}.png`));
    } finally {
      await local.close();
    }
  }
}

/** Per-cookie exceptions from a popup row (issue 14): "always allow" keeps the cookie on this site, at once. */
export async function cookieExceptionFromTheRow(driver: Driver, server: DemoServer): Promise<void> {
  const { page, tabId } = await syncronisSignedIn(driver, server);
  const popup = await driver.extensionPage(`popup.html?tabId=${tabId}`);
  await expect.poll(async () => byName(await popupRows(popup))._hjid?.state).toBe('removed');
  await popup.click('tr[data-cookie="_hjid"] .row-toggle');
  await popup.click('[data-testid="cookie-exception"] [data-exception="allow"]');
  const settings = () => popup.evaluate<{ cookieExceptions: Record<string, Record<string, string>> }>(`${EXT_API}.runtime.sendMessage({ type: 'get-settings' })`);
  await expect.poll(async () => (await settings()).cookieExceptions['syncronis.test']?._hjid).toBe('allow');
  // The page sets it again and it stays; the other analytics cookies still go.
  await page.reload();
  await expect.poll(() => cookieNames(popup, 'syncronis.test')).toContain('_hjid');
  expect(await cookieNames(popup, 'syncronis.test')).not.toContain('_gid');
  // Back to the rule (the row is still open): removed at once.
  await expect.poll(() => popup.evaluate<boolean>(`!!document.querySelector('[data-testid="cookie-exception"] [data-exception="none"]')`)).toBe(true);
  await popup.click('[data-testid="cookie-exception"] [data-exception="none"]');
  await expect.poll(async () => (await settings()).cookieExceptions['syncronis.test']?._hjid ?? null).toBeNull();
  await expect.poll(() => cookieNames(popup, 'syncronis.test')).not.toContain('_hjid');
  await popup.close();
  await page.close();
}

export const journeys: readonly Journey[] = [
  ['first run: the welcome page opens on install, three steps and where to pin the button', (c) => firstRunPage(c.driver)],
  ['popup: verdict counts agree with the rows; filter, search and details by click and key; a choice updates the rows and offers a reload', (c) => popupAtAGlance(c.driver, c.server)],
  ['popup: a closed tab and a page that is not a web site say so', (c) => popupWithoutASite(c.driver)],
  ['options: per-site choices, retention, pause (nothing removed), export → reset → import gives the same settings', (c) => optionsPauseAndBackup(c.driver, c.server)],
  ['popup: opens fast with 500 cookie rows on the site (330 removed, 170 kept)', (c) => popupOpensFast(c.driver, c.server)],
  ['report: every breach with its evidence, saved as JSON without a cookie value', (c) => reportOfASite(c.driver, c.server)],
  ['the pages load in German and French', (c) => localesLoad(c.driver, c.server)],
  ['popup: "always allow" a cookie from its row, and back to the rule', (c) => cookieExceptionFromTheRow(c.driver, c.server)],
];
