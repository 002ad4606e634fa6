import { describe, expect, it } from 'vitest';
import { Warden } from './warden';
import { cookieKey, type ObservedCookie } from './entry';
import { TabTracker, hostOfUrl } from './tabs';
import { DEFAULT_SETTINGS } from '../storage/settings';
import { siteView } from './view';
import { readDocument } from '../policy/read/read';
import { loadKnowledge } from '../../scripts/knowledge-node';
import type { SiteKey } from '../site';

const knowledge = loadKnowledge();
const site = 'syncronis.test' as SiteKey;
const cookie = (name: string, domain = 'syncronis.test', extra: Partial<ObservedCookie> = {}): ObservedCookie => ({
  name,
  domain,
  path: '/',
  secure: false,
  httpOnly: false,
  hostOnly: true,
  session: false,
  storeId: '0',
  ...extra,
});
const POLICY = readDocument(
  `<h3>Essential Cookies</h3><table><thead><tr><th>Name</th><th>Purpose</th><th>Duration</th></tr></thead>
   <tbody><tr><td>session</td><td>Login</td><td>7 days</td></tr><tr><td>zq_state</td><td>Keeps the form state</td><td>1 year</td></tr></tbody></table>
   <h3>Analytics Cookies</h3><p>We use Google Analytics.</p>`,
  { url: 'https://syncronis.test/cookie-policy', knowledge },
);

const rowsOf = (w: Warden, s: string) => Object.fromEntries(siteView(w, s as SiteKey, null).cookies.map((c) => [c.name, c]));

describe('Warden', () => {
  it('decides at once, then re-judges when the policy arrives', () => {
    const w = new Warden(knowledge, { ...DEFAULT_SETTINGS, siteChoices: {} });
    expect(w.observe(cookie('_ga'), 1).remove?.name).toBe('_ga');
    expect(w.observe(cookie('zq_state'), 1).remove).toBeNull();
    expect(w.observe(cookie('_hjid'), 1).remove?.name).toBe('_hjid');
    // Before the policy is known nothing is undeclared; tracking set despite DNT / GPC already is a breach.
    expect(w.breachCount(site)).toBe(2);

    // The policy says `zq_state` is essential here, and names Google Analytics: `_ga` is declared through it.
    const toRemove = w.setPolicy(site, { status: 'found' }, POLICY);
    expect(toRemove).toEqual([]);
    const view = siteView(w, site, 'https://syncronis.test/');
    const rows = Object.fromEntries(view.cookies.map((c) => [c.name, c]));
    // DNT / GPC said no (the default), and the user refuses analytics: set anyway, a breach.
    expect(rows._ga).toMatchObject({ declared: true, expandedFrom: 'Google Analytics', state: 'removed', breaches: ['despite-refusal'] });
    expect(rows._hjid).toMatchObject({ declared: false, state: 'removed', breaches: ['undeclared', 'despite-refusal'] });
    expect(rows.zq_state).toMatchObject({ declared: true, purpose: 'essential', state: 'kept', breaches: [] });
    expect(view.breaches).toBe(2);
    expect(view.sources[0]!.url).toBe('https://syncronis.test/cookie-policy');
    expect(rows._ga!.policyUrl).toBe('https://syncronis.test/cookie-policy');
  });

  it('a refused write does not take a stored copy out of the store: narrowing the choice still removes it', () => {
    // Allowed and stored; then a page guard with stale data refuses a new write of it (the stored copy stays).
    const w = new Warden(knowledge, { ...DEFAULT_SETTINGS, siteChoices: { [site]: 'allow-all' } });
    w.setPolicy(site, { status: 'found' }, POLICY);
    expect(w.observe(cookie('_hjid'), 1).remove).toBeNull();
    w.observeRefused(cookie('_hjid'), 2);
    expect(rowsOf(w, site)._hjid?.state).toBe('kept');
    expect(w.setSettings({ ...w.settings, siteChoices: {} }).map((c) => c.name)).toEqual(['_hjid']);
  });

  it('a refused write of a stored cookie the choice refuses: the stored copy is removed too', () => {
    const w = new Warden(knowledge, { ...DEFAULT_SETTINGS, siteChoices: { [site]: 'allow-all' } });
    w.setPolicy(site, { status: 'found' }, POLICY);
    expect(w.observe(cookie('_hjid'), 1).remove).toBeNull();
    w.setSettings({ ...w.settings, siteChoices: {} }).length;
    // Removed by the settings change; set again (the removal raced a page write), then a write refused.
    expect(w.observe(cookie('_hjid'), 3).remove?.name).toBe('_hjid');
    expect(w.observeRefused(cookie('_hjid'), 4).remove).toBeNull();
    expect(rowsOf(w, site)._hjid?.state).toBe('removed');
  });

  it('removes a kept cookie when the user narrows the choice', () => {
    const w = new Warden(knowledge, { ...DEFAULT_SETTINGS, siteChoices: { [site]: 'allow-all' } });
    w.setPolicy(site, { status: 'found' }, POLICY);
    expect(w.observe(cookie('_ga'), 1).remove).toBeNull();
    expect(w.setSettings({ ...w.settings, siteChoices: {} }).map((c) => c.name)).toEqual(['_ga']);
  });

  it('never stores a cookie value: the engine copies attributes only', () => {
    const w = new Warden(knowledge, DEFAULT_SETTINGS);
    const withValue = { ...cookie('session'), value: 'secret' } as ObservedCookie;
    w.observe(withValue, 1);
    const { entry } = [...w.cookiesOf(site)][0]!;
    expect(entry.cookie).not.toHaveProperty('value');
    expect(JSON.stringify(entry)).not.toContain('secret');
    expect(JSON.stringify(siteView(w, site, null))).not.toContain('secret');
  });
});

/**
 * Issue 8: no site's word removes another site's cookie. Site B (shop-b.test) embeds an image from site A
 * (login-a.test); B's policy calls A's `session` and `basket` cookies advertising.
 */
describe('ownership: removed only when every site it belongs to refuses it', () => {
  const A = 'login-a.test' as SiteKey;
  const B = 'shop-b.test' as SiteKey;
  const hostile = readDocument(
    `<h3>Advertising cookies</h3><table><tr><th>Name</th><th>Provider</th><th>Purpose</th></tr>
     <tr><td>session</td><td>login-a.test</td><td>advertising</td></tr>
     <tr><td>basket</td><td>login-a.test</td><td>advertising</td></tr>
     <tr><td>ad_tag</td><td>login-a.test</td><td>advertising</td></tr>
     <tr><td>IDE</td><td>doubleclick.net</td><td>advertising</td></tr>
     <tr><td>YSC</td><td>youtube.test</td><td>advertising</td></tr></table>`,
    { url: 'https://shop-b.test/cookies', knowledge },
  );
  const ownPolicy = readDocument(
    `<h3>Strictly necessary cookies</h3><table><tr><th>Name</th><th>Purpose</th></tr>
     <tr><td>session</td><td>Keeps you logged in</td></tr><tr><td>basket</td><td>Remembers your basket</td></tr></table>
     <h3>Advertising cookies</h3><table><tr><th>Name</th><th>Purpose</th></tr><tr><td>ad_tag</td><td>advertising</td></tr></table>`,
    { url: 'https://login-a.test/cookies', knowledge },
  );

  type Row = {
    title: string;
    name: string;
    domain: string;
    partition?: string;
    /** Is a tab of the owner (login-a.test) open? */
    ownerTab: boolean;
    /** The owner's policy: known (ownPolicy), or not yet. */
    ownerPolicy: boolean;
    ownerChoice?: 'allow-all';
    expected: 'kept' | 'removed';
    inB: 'kept' | 'removed' | 'kept-for-other-site';
  };
  const rows: Row[] = [
    { title: 'owner keeps (declared essential)', name: 'session', domain: 'login-a.test', ownerTab: true, ownerPolicy: true, expected: 'kept', inB: 'kept-for-other-site' },
    { title: 'owner keeps, no tab of it open', name: 'basket', domain: '.login-a.test', ownerTab: false, ownerPolicy: true, expected: 'kept', inB: 'kept-for-other-site' },
    { title: "owner's policy not yet known: its name says login", name: 'session', domain: 'login-a.test', ownerTab: false, ownerPolicy: false, expected: 'kept', inB: 'kept-for-other-site' },
    { title: "owner's policy not yet known, purpose unknown: kept", name: 'basket', domain: 'login-a.test', ownerTab: false, ownerPolicy: false, expected: 'kept', inB: 'kept-for-other-site' },
    { title: 'owner refuses too (its own advertising cookie)', name: 'ad_tag', domain: 'login-a.test', ownerTab: true, ownerPolicy: true, expected: 'removed', inB: 'removed' },
    { title: 'owner allows all: kept although B refuses', name: 'ad_tag', domain: 'login-a.test', ownerTab: false, ownerPolicy: true, ownerChoice: 'allow-all', expected: 'kept', inB: 'kept-for-other-site' },
    { title: 'a tracker every site refuses', name: 'IDE', domain: '.doubleclick.net', ownerTab: false, ownerPolicy: false, expected: 'removed', inB: 'removed' },
    { title: 'owner needs it by the knowledge base (YSC is Functional: essential; kept when the classifier disagrees)', name: 'YSC', domain: '.youtube.test', ownerTab: false, ownerPolicy: false, expected: 'kept', inB: 'kept-for-other-site' },
    { title: "partitioned: the embedding site's alone", name: 'YSC', domain: '.youtube.test', partition: 'https://shop-b.test', ownerTab: false, ownerPolicy: false, expected: 'removed', inB: 'removed' },
    { title: "partitioned session of A inside B: B's alone", name: 'session', domain: 'login-a.test', partition: 'https://shop-b.test', ownerTab: true, ownerPolicy: true, expected: 'removed', inB: 'removed' },
  ];

  for (const order of ['policy first', 'cookie first'] as const) {
    for (const row of rows) {
      it(`${row.title} (${order})`, () => {
        const w = new Warden(knowledge, { ...DEFAULT_SETTINGS, siteChoices: row.ownerChoice ? { [A]: row.ownerChoice } : {} });
        w.tabs.navigate(1, 'https://shop-b.test/');
        w.tabs.sawHost(1, 'login-a.test');
        w.tabs.sawHost(1, 'ads.doubleclick.net');
        w.tabs.sawHost(1, 'www.youtube.test');
        if (row.ownerTab) w.tabs.navigate(2, 'https://login-a.test/account');
        if (row.ownerPolicy) w.setPolicy(A, { status: 'found' }, ownPolicy);
        const c = cookie(row.name, row.domain, {
          secure: true,
          sameSite: 'no_restriction',
          expirationDate: 1 + 400 * 86_400,
          ...(row.partition ? { partitionKey: { topLevelSite: row.partition } } : {}),
        });
        const removed: string[] = [];
        if (order === 'policy first') w.setPolicy(B, { status: 'found' }, hostile);
        if (w.observe(c, 1).remove) removed.push(c.name);
        // The embedding site's policy arrives late, as busy sites' do: the same rule applies.
        if (order === 'cookie first') removed.push(...w.setPolicy(B, { status: 'found' }, hostile).map((x) => x.name));
        // A choice change elsewhere re-judges with the same rule.
        removed.push(...w.setSettings({ ...w.settings }).map((x) => x.name));
        expect(removed.length > 0 ? 'removed' : 'kept').toBe(row.expected);
        expect(rowsOf(w, B)[row.name]?.state).toBe(row.inB);
      });
    }
  }

  it("reports another site's cookie in the embedding site's view, and says who keeps it", () => {
    const w = new Warden(knowledge, DEFAULT_SETTINGS);
    w.tabs.navigate(1, 'https://shop-b.test/');
    w.tabs.sawHost(1, 'login-a.test');
    w.setPolicy(B, { status: 'found' }, hostile);
    w.observe(cookie('session', 'login-a.test'), 1);
    expect(rowsOf(w, B).session).toMatchObject({ state: 'kept-for-other-site', keptFor: A, thirdParty: true, declared: true, purpose: 'advertising' });
    expect(rowsOf(w, A).session).toMatchObject({ state: 'kept', keptFor: null, thirdParty: false });
  });

  it('never removes on nobody\'s word: a cookie with no site is kept', () => {
    const w = new Warden(knowledge, DEFAULT_SETTINGS);
    expect(w.observe(cookie('_ga', ''), 1).remove).toBeNull();
  });
});

describe('TabTracker', () => {
  it('attributes third-party cookies to the tab sites that talked to their domain, allocation-free', () => {
    const tabs = new TabTracker();
    tabs.navigate(1, 'http://kopano.test:8080/');
    tabs.sawHost(1, 'www.youtube.test');
    tabs.navigate(2, 'https://www.syncronis.test/');
    const out: SiteKey[] = [];
    tabs.sitesSeeing('youtube.test', null, out);
    expect(out).toEqual(['kopano.test']);
    out.length = 0;
    tabs.sitesSeeing('www.youtube.test', null, out);
    expect(out).toEqual(['kopano.test']);
    out.length = 0;
    // A cookie of a deeper host than the one contacted could not have been set by it.
    tabs.sitesSeeing('music.youtube.test', null, out);
    expect(out).toEqual([]);
    // Not a suffix at a label boundary.
    tabs.sitesSeeing('tube.test', null, out);
    expect(out).toEqual([]);
    tabs.sitesSeeing('syncronis.test', 'syncronis.test' as SiteKey, out);
    expect(out).toEqual([]);
    tabs.navigate(1, 'https://other.test/');
    tabs.sitesSeeing('youtube.test', null, out);
    expect(out).toEqual([]);
  });

  it('takes the committed site after a redirect, and keeps hosts when the site is the same', () => {
    const tabs = new TabTracker();
    tabs.navigate(1, 'http://short.test/go');
    tabs.sawHost(1, 'cdn.other.test');
    expect(tabs.commit(1, 'https://www.kopano.test/')).toBe('kopano.test');
    const out: SiteKey[] = [];
    tabs.sitesSeeing('cdn.other.test', null, out);
    expect(out).toEqual([]);
    tabs.sawHost(1, 'youtube.test');
    expect(tabs.commit(1, 'https://kopano.test/page')).toBe('kopano.test');
    tabs.sitesSeeing('youtube.test', null, out);
    expect(out).toEqual(['kopano.test']);
    expect(tabs.has(1)).toBe(true);
    expect(tabs.has(2)).toBe(false);
  });

  it('reads hosts from URLs without a URL object', () => {
    expect(hostOfUrl('https://User:pw@WWW.Example.test:8443/a?b#c')).toBe('www.example.test');
    expect(hostOfUrl('http://[::1]:8080/')).toBe('[::1]');
    expect(hostOfUrl('http://a.test?x=@evil.test')).toBe('a.test');
    expect(hostOfUrl('about:blank')).toBeNull();
  });
});

describe('Warden hot path', () => {
  it('reuses verdicts until the policy, the settings or the attribution change', () => {
    const w = new Warden(knowledge, { ...DEFAULT_SETTINGS, siteChoices: {} });
    w.observe(cookie('_ga'), 1);
    const { verdict: first } = [...w.cookiesOf(site)][0]!;
    w.observe(cookie('_ga', 'syncronis.test', { expirationDate: 99 }), 2);
    const { entry, verdict: again } = [...w.cookiesOf(site)][0]!;
    expect(again).toBe(first);
    expect(entry.cookie.expirationDate).toBe(99);
    expect(entry.lastSeen).toBe(2);

    w.setSettings({ ...w.settings, siteChoices: { [site]: 'allow-all' } });
    expect(w.observe(cookie('_ga'), 3).remove).toBeNull();
    w.setPolicy(site, { status: 'found' }, POLICY);
    w.observe(cookie('_ga'), 5);
    expect([...w.cookiesOf(site)][0]!.verdict.basis).toBe('provider');
  });

  describe('held to what the site says about DNT / GPC (lib/signals/)', () => {
    const IGNORES_DNT = readDocument(
      `<h3>Analytics Cookies</h3><p>We use Google Analytics.</p><h3>Do Not Track</h3>
       <p>We currently don't respond to DNT signals.</p>`,
      { url: 'https://syncronis.test/cookie-policy', knowledge },
    );
    const claimant = 'claimant.test' as SiteKey;
    const gpcTrue = { url: 'https://claimant.test/.well-known/gpc.json', claim: { gpc: true, lastUpdate: null, problem: null }, problem: null, retryable: false, checkedAt: '2026-12-01T00:00:00.000Z' };

    it('a site that says it ignores DNT gets essential only under an "Allow all" default, with the reason', () => {
      const w = new Warden(knowledge, { ...DEFAULT_SETTINGS, defaultChoice: 'allow-all', siteChoices: {} });
      w.signals.setGpc(site, { ...gpcTrue, url: 'https://syncronis.test/.well-known/gpc.json', claim: null, problem: 'HTTP 404' });
      w.setPolicy(site, { status: 'found' }, IGNORES_DNT);
      expect(w.observe(cookie('_ga'), 1).remove?.name).toBe('_ga');
      const view = siteView(w, site, 'https://syncronis.test/');
      expect(view).toMatchObject({ effectiveChoice: 'essential-only', choiceReason: 'signal-ignored', signals: { stance: 'ignores', signal: 'dnt', sending: true } });
      expect(view.signals.sentence).toContain("don't respond to DNT");
      // The user's own choice for the site wins; with the signals off the default applies again.
      w.setSettings({ ...w.settings, siteChoices: { [site]: 'allow-all' } });
      expect(w.observe(cookie('_gid'), 2).remove).toBeNull();
      w.setSettings({ ...w.settings, siteChoices: {}, sendSignals: false });
      expect(siteView(w, site, null).choiceReason).toBe('default');
    });

    it('a site that claims GPC keeps the default until it sets a tracking cookie: a breach, then essential only', () => {
      const w = new Warden(knowledge, { ...DEFAULT_SETTINGS, defaultChoice: 'allow-all', siteChoices: {} });
      // As claimant.test (tests/demo-sites/sites/claimant.ts): a policy that declares _ga as analytics.
      const CLAIMANT_POLICY = readDocument(
        `<table><thead><tr><th>Name</th><th>Category</th><th>Purpose</th></tr></thead>
         <tbody><tr><td>sid</td><td>Strictly necessary</td><td>Keeps your session</td></tr>
         <tr><td>_ga</td><td>Analytics</td><td>Google Analytics: distinguishes visitors</td></tr></tbody></table>`,
        { url: 'https://claimant.test/cookie-policy', knowledge },
      );
      expect(siteView(w, claimant, null).choiceReason).toBe('signal-unknown');
      w.setPolicy(claimant, { status: 'found' }, CLAIMANT_POLICY);
      w.signals.setGpc(claimant, gpcTrue);
      expect(w.stanceOf(claimant)).toMatchObject({ stance: 'honors', source: 'gpc.json' });
      const ga = cookie('_ga', '.claimant.test', { hostOnly: false });
      w.signalsChanged(claimant);
      expect(w.observe(ga, 2, 'GA1.1.1234567890.1764590000').remove).toBeNull();
      expect(w.verdictOf(claimant, cookieKey(ga))?.purpose).toBe('analytics');
      const entry = w.signals.noteSet(claimant, w.stanceOf(claimant), { name: '_ga', domain: '.claimant.test', purpose: 'analytics', firstParty: true }, 3);
      expect(entry?.breach?.cookies.map((c) => c.name)).toEqual(['_ga']);
      expect(w.signalsChanged(claimant).map((c) => c.name)).toEqual(['_ga']);
      const view = siteView(w, claimant, null);
      expect(view).toMatchObject({ effectiveChoice: 'essential-only', choiceReason: 'signal-breach', breaches: 1 });
      const row = view.cookies.find((c) => c.name === '_ga')!;
      expect(row).toMatchObject({ state: 'removed' });
      expect(row.breaches).toContain('signal-claim');
      expect(row.evidence.notes['signal-claim']).toContain('https://claimant.test/.well-known/gpc.json');
      expect(w.breachCount(claimant)).toBe(1);
    });
  });
});
