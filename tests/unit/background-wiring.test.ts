/**
 * The background's wiring (issue 9, "Tests that guard the wiring"): the real worker (entrypoints/background, its
 * main() run as WXT runs it) on WXT's fake browser, with the demo sites served over real HTTP for policy
 * discovery. Each test drives the worker only through browser events and messages, as the browser would:
 * a cookie event, a policy arriving, a choice change in the popup, a message that must be refused.
 *
 * "Not removed" is never asserted after a sleep: a later event whose effect is awaited (a sentinel cookie
 * removed, a policy applied) shows that the earlier one was handled, as events are handled in order.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Browser } from 'wxt/browser';
import { startDemoServer, type DemoServer } from '../demo-sites/server';
import { KOPANO_HOST } from '../demo-sites/sites/kopano';
import { pageFactsFromHtml } from '../../lib/policy/discover/page-facts';
import { fromWire, type SettingsView, type SiteView } from '../../lib/messages';
import { hostMappedFetch } from './support/host-fetch';
import { startBackground, until, type FakeExtension } from './support/fake-extension';

let server: DemoServer;
const platformFetch = globalThis.fetch;

beforeAll(async () => {
  server = await startDemoServer({ https: false });
  // The worker's own fetches (policies, gpc.json) reach the demo server whatever the *.test host, as the
  // browsers' host mapping does in the e2e tests; nothing leaves the machine.
  globalThis.fetch = hostMappedFetch() as typeof fetch;
});
afterAll(async () => {
  globalThis.fetch = platformFetch;
  await server.close();
});

const YEAR = 365 * 86_400;
const inAYear = () => Date.now() / 1000 + YEAR;

/** A content script's sender in a tab's top frame. */
function pageSender(tabId: number, url: string): Browser.runtime.MessageSender {
  return { id: fakeBrowser.runtime.id, url, frameId: 0, tab: { id: tabId, url, index: 0, windowId: 1, highlighted: false, active: true, pinned: false, incognito: false } as Browser.tabs.Tab };
}

async function settingsOf(ext: FakeExtension): Promise<SettingsView> {
  return (await ext.send({ type: 'get-settings' }, ext.popup)) as SettingsView;
}

const removed = (ext: FakeExtension, name: string) => ext.cookies.removedNames().includes(name);

describe('the background wiring on the fake browser', () => {
  it('a cookie event: a refused tracking cookie of the tab’s site is removed, an essential one is kept', async () => {
    const ext = await startBackground();
    await ext.navigate(1, 'http://kopano.test/');

    // Essential (a PHP session, known to the knowledge base): kept. Set first, so that the tracking cookie's
    // removal below shows it was judged.
    await ext.cookies.set({ name: 'PHPSESSID', domain: 'kopano.test' });
    await ext.cookies.set({ name: '_ga', domain: '.kopano.test', value: 'GA1.1.1234567890.1700000000', expirationDate: inAYear() });

    await until('_ga removed', () => removed(ext, '_ga'));
    // The call as the browser needs it: the cookie's URL, name and store.
    expect(ext.cookies.removeCalls).toEqual([{ url: 'http://kopano.test/', name: '_ga', storeId: '0' }]);
    expect(ext.cookies.has('_ga', '.kopano.test')).toBe(false);
    expect(ext.cookies.has('PHPSESSID', 'kopano.test')).toBe(true);

    // The popup lists both, with what happened to each.
    const view = fromWire<SiteView>('get-site-view', await ext.send({ type: 'get-site-view', tabId: 1 }, ext.popup));
    const row = (name: string) => view.cookies.find((c) => c.name === name);
    expect(view.site).toBe('kopano.test');
    expect(row('_ga')?.state).toBe('removed');
    expect(row('PHPSESSID')?.state).toBe('kept');
  });

  it('a policy arriving: what the site declares non-essential is removed when its policy arrives, what it declares essential is kept', async () => {
    const ext = await startBackground();
    const url = server.url(KOPANO_HOST, '/');
    await ext.navigate(1, url);

    // Before the policy: a Matomo session cookie and an Akamai one, which the knowledge base and the classifier
    // cannot place, are kept (unknown purpose) while the site's policy is pending; `_ga` (known analytics),
    // set last, going shows that all were judged.
    await ext.cookies.set({ name: 'PHPSESSID', domain: 'kopano.test' });
    await ext.cookies.set({ name: '_pk_ses.1.a1b2', domain: 'kopano.test', value: '1' });
    await ext.cookies.set({ name: 'bm_sz', domain: 'kopano.test' });
    await ext.cookies.set({ name: '_ga', domain: '.kopano.test', expirationDate: inAYear() });
    await until('_ga removed', () => removed(ext, '_ga'));
    expect(ext.cookies.removedNames()).toEqual(['_ga']);

    // The policy-links content script reports the page's facts (here read from the page the demo server serves).
    const html = await (await hostMappedFetch()(url)).text();
    const answer = await ext.send({ type: 'page-facts', facts: pageFactsFromHtml(html, url) }, pageSender(1, url));
    expect(answer).toEqual({ ok: true });

    // Discovery fetches the policy over HTTP. Its table lists `_pk_ses.*` under "Not required" (Matomo:
    // analytics), PHPSESSID under "Necessary" and bm_sz as "Fraud prevention": the first goes, the others stay.
    await until('_pk_ses.1.a1b2 removed once the policy arrived', () => removed(ext, '_pk_ses.1.a1b2'), 15_000);
    expect(server.requests.some((r) => r.host === KOPANO_HOST && r.path === '/privacy-cookie-policy')).toBe(true);
    expect(ext.cookies.removedNames()).toEqual(['_ga', '_pk_ses.1.a1b2']);
    expect(ext.cookies.has('PHPSESSID', 'kopano.test')).toBe(true);
    expect(ext.cookies.has('bm_sz', 'kopano.test')).toBe(true);

    const view = fromWire<SiteView>('get-site-view', await ext.send({ type: 'get-site-view', tabId: 1 }, ext.popup));
    expect(view.policy.status).toBe('found');
    for (const name of ['PHPSESSID', 'bm_sz']) {
      expect(view.cookies.find((c) => c.name === name), name).toMatchObject({ declared: true, purpose: 'essential', state: 'kept' });
    }
    expect(view.cookies.find((c) => c.name === '_pk_ses.1.a1b2')).toMatchObject({ declared: true, purpose: 'analytics', state: 'removed' });

    // Cached: a restarted worker, with kopano.test open in a tab, applies the stored policy before it judges
    // the tab's cookies, with no fetch.
    const stored = await fakeBrowser.storage.local.get(`policy:${KOPANO_HOST}`);
    expect(stored[`policy:${KOPANO_HOST}`]).toMatchObject({ site: KOPANO_HOST, status: 'found' });
    server.clear();
    const restarted = await startBackground({ storage: stored, tabUrls: [url] });
    await restarted.cookies.set({ name: 'PHPSESSID', domain: 'kopano.test' });
    await restarted.cookies.set({ name: 'bm_sz', domain: 'kopano.test' });
    await restarted.cookies.set({ name: '_pk_ses.1.a1b2', domain: 'kopano.test', value: '1' });
    await until('_pk_ses.1.a1b2 removed by the restarted worker', () => removed(restarted, '_pk_ses.1.a1b2'));
    expect(restarted.cookies.removedNames()).toEqual(['_pk_ses.1.a1b2']);
    expect(restarted.cookies.has('PHPSESSID', 'kopano.test')).toBe(true);
    expect(restarted.cookies.has('bm_sz', 'kopano.test')).toBe(true);
    expect(server.requests.filter((r) => r.path === '/privacy-cookie-policy')).toEqual([]);
  });

  it('a choice change: "Allow all" on one site keeps a cookie it shares, back to the default removes it (removed only when every site refuses)', async () => {
    const ext = await startBackground();
    await ext.navigate(1, 'http://kopano.test/');
    await ext.navigate(2, 'http://syncronis.test/');
    // Both pages load from the same analytics host: its cookie belongs to both sites.
    for (const tabId of [1, 2]) await ext.request(tabId, 'http://stats.adnet.test/collect.js');

    const allowed = (await ext.send({ type: 'set-site-choice', site: 'kopano.test', choice: 'allow-all' }, ext.popup)) as SettingsView;
    expect(allowed.siteChoices).toEqual({ 'kopano.test': 'allow-all' });
    // Stored as well (the background is the only writer).
    expect((await fakeBrowser.storage.local.get('settings')).settings).toMatchObject({ siteChoices: { 'kopano.test': 'allow-all' } });

    // Kept: kopano.test allows it, so not every site refuses it. A first-party `_ga` of syncronis.test
    // (refused there, and only there) set afterwards shows the shared one was judged.
    await ext.cookies.set({ name: '_ga', domain: '.adnet.test', expirationDate: inAYear() });
    await ext.cookies.set({ name: '_ga', domain: '.syncronis.test', expirationDate: inAYear() });
    await until('the syncronis.test _ga removed', () => ext.cookies.removeCalls.some((c) => c.url === 'http://syncronis.test/'));
    expect(ext.cookies.has('_ga', '.adnet.test')).toBe(true);
    expect(ext.cookies.removeCalls.map((c) => c.url)).toEqual(['http://syncronis.test/']);

    // Back to the default (essential only): now every site refuses it, and it goes at once.
    const back = (await ext.send({ type: 'set-site-choice', site: 'kopano.test', choice: null }, ext.popup)) as SettingsView;
    expect(back.siteChoices).toEqual({});
    await until('the shared _ga removed after the choice change', () => !ext.cookies.has('_ga', '.adnet.test'));
    expect(ext.cookies.removeCalls.map((c) => c.url)).toEqual(['http://syncronis.test/', 'http://adnet.test/']);
  });

  it('a message that is not allowed: a content script (or another extension) cannot change the settings', async () => {
    const ext = await startBackground();
    const page = 'http://kopano.test/';
    await ext.navigate(1, page);
    const before = await settingsOf(ext);
    const fromPage = pageSender(1, page);
    const fromOtherExtension: Browser.runtime.MessageSender = { id: 'another-extension', url: 'chrome-extension://another-extension/popup.html' };

    // The control: a content script may ask for its frame's guard data.
    expect(await ext.send({ type: 'guard-data', url: page }, fromPage)).toMatchObject({ site: 'kopano.test' });

    // Popup-only requests from a page, from another extension, and a malformed one from the popup: no answer.
    const refused: Array<[unknown, Browser.runtime.MessageSender]> = [
      [{ type: 'set-default-choice', choice: 'allow-all' }, fromPage],
      [{ type: 'set-site-choice', site: 'kopano.test', choice: 'allow-all' }, fromPage],
      [{ type: 'set-paused', paused: true }, fromPage],
      [{ type: 'reset-settings' }, fromPage],
      [{ type: 'import-settings', data: { format: 'cookie-warden-settings', version: 1, settings: { defaultChoice: 'allow-all' } } }, fromPage],
      [{ type: 'get-settings' }, fromPage],
      [{ type: 'set-default-choice', choice: 'allow-all' }, fromOtherExtension],
      [{ type: 'set-paused', paused: true }, fromOtherExtension],
      [{ type: 'set-default-choice', choice: 'everything' }, ext.popup],
    ];
    for (const [message, sender] of refused) expect(await ext.send(message, sender), JSON.stringify(message)).toBeUndefined();
    // A content script's page facts for a site other than its tab's: answered, but refused.
    const elsewhere = 'http://syncronis.test/';
    expect(await ext.send({ type: 'page-facts', facts: pageFactsFromHtml('<a href="/cookie-policy">Cookies</a>', elsewhere) }, fromPage)).toEqual({ ok: false });

    // Nothing changed: in memory, in storage, and in what the worker does.
    expect(await settingsOf(ext)).toEqual(before);
    expect((await fakeBrowser.storage.local.get('settings')).settings).toBeUndefined();
    await ext.cookies.set({ name: '_ga', domain: '.kopano.test', expirationDate: inAYear() });
    await until('_ga removed (not paused, not "Allow all")', () => removed(ext, '_ga'));
  });
});
