import { describe, expect, it } from 'vitest';
import { Warden, type ObservedCookie } from './warden';
import { TabTracker } from './tabs';
import { DEFAULT_SETTINGS } from '../storage/settings';
import { readDocument } from '../policy/read';
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

describe('Warden', () => {
  it('decides at once, then re-judges when the policy arrives', () => {
    const w = new Warden(knowledge, { ...DEFAULT_SETTINGS, siteChoices: {} });
    expect(w.judge(site, cookie('_ga'), 1).verdict).toMatchObject({ action: 'remove', breaches: [] });
    expect(w.judge(site, cookie('zq_state'), 1).verdict).toMatchObject({ purpose: 'unknown', action: 'keep' });
    expect(w.judge(site, cookie('_hjid'), 1).state).toBe('removed');
    expect(w.breachCount(site)).toBe(0);

    // The policy says `zq_state` is essential here, and names Google Analytics: `_ga` is declared through it.
    const toRemove = w.setPolicy(site, { status: 'found' }, POLICY, 2);
    expect(toRemove).toEqual([]);
    const view = w.view(site, 'https://syncronis.test/');
    const rows = Object.fromEntries(view.cookies.map((c) => [c.name, c]));
    expect(rows._ga).toMatchObject({ declared: true, expandedFrom: 'Google Analytics', state: 'removed', breaches: [] });
    expect(rows._hjid).toMatchObject({ declared: false, state: 'removed', breaches: ['undeclared'] });
    expect(rows.zq_state).toMatchObject({ declared: true, purpose: 'essential', state: 'kept' });
    expect(view.breaches).toBe(1);
    expect(view.sources[0]!.url).toBe('https://syncronis.test/cookie-policy');
    expect(rows._ga!.policyUrl).toBe('https://syncronis.test/cookie-policy');
  });

  it('removes a kept cookie when the user narrows the choice', () => {
    const w = new Warden(knowledge, { ...DEFAULT_SETTINGS, siteChoices: { [site]: 'allow-all' } });
    w.setPolicy(site, { status: 'found' }, POLICY, 1);
    expect(w.judge(site, cookie('_ga'), 1).state).toBe('kept');
    w.settings = { ...w.settings, siteChoices: {} };
    expect(w.rejudge(site, 2).map((r) => r.cookie.name)).toEqual(['_ga']);
  });

  it('never stores a cookie value', () => {
    const w = new Warden(knowledge, DEFAULT_SETTINGS);
    const withValue = { ...cookie('session'), value: 'secret' } as ObservedCookie;
    w.judge(site, withValue, 1);
    expect(JSON.stringify(w.view(site, null))).not.toContain('secret');
  });
});

describe('TabTracker', () => {
  it('attributes first-party, third-party and partitioned cookies to the tab site', () => {
    const tabs = new TabTracker();
    tabs.navigate(1, 'http://kopano.test:8080/');
    tabs.sawHost(1, 'youtube.test');
    tabs.navigate(2, 'https://www.syncronis.test/');
    expect(tabs.sitesForCookie('.kopano.test')).toEqual(['kopano.test']);
    expect(tabs.sitesForCookie('youtube.test')).toEqual(['kopano.test']);
    expect(tabs.sitesForCookie('syncronis.test')).toEqual(['syncronis.test']);
    expect(tabs.sitesForCookie('youtube.test', 'http://syncronis.test')).toEqual(['syncronis.test']);
    // A cookie no open tab explains belongs to its own site.
    expect(tabs.sitesForCookie('.elsewhere.test')).toEqual(['elsewhere.test']);
    tabs.navigate(1, 'https://other.test/');
    expect(tabs.sitesForCookie('youtube.test')).toEqual(['youtube.test']);
  });
});

describe('TabTracker.commit', () => {
  it('takes the committed site after a redirect, and keeps hosts when the site is the same', () => {
    const tabs = new TabTracker();
    tabs.navigate(1, 'http://short.test/go');
    tabs.sawHost(1, 'cdn.other.test');
    expect(tabs.commit(1, 'https://www.kopano.test/')).toBe('kopano.test');
    expect(tabs.sitesForCookie('cdn.other.test')).toEqual(['other.test']);
    tabs.sawHost(1, 'youtube.test');
    expect(tabs.commit(1, 'https://kopano.test/page')).toBe('kopano.test');
    expect(tabs.sitesForCookie('youtube.test')).toEqual(['kopano.test']);
    expect(tabs.has(1)).toBe(true);
    expect(tabs.has(2)).toBe(false);
  });
});

describe('Warden hot path', () => {
  it('reuses a verdict until the policy or the settings change', () => {
    const w = new Warden(knowledge, { ...DEFAULT_SETTINGS, siteChoices: {} });
    const first = w.judge(site, cookie('_ga'), 1);
    const again = w.judge(site, cookie('_ga', 'syncronis.test', { expirationDate: 99 }), 2);
    expect(again.verdict).toBe(first.verdict);
    expect(again.cookie.expirationDate).toBe(99);
    expect(again.lastSeen).toBe(2);

    w.settings = { ...w.settings, siteChoices: { [site]: 'allow-all' } };
    expect(w.judge(site, cookie('_ga'), 3).verdict.action).toBe('keep');
    w.setPolicy(site, { status: 'found' }, POLICY, 4);
    expect(w.judge(site, cookie('_ga'), 5).verdict.basis).toBe('provider');
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
      w.setPolicy(site, { status: 'found' }, IGNORES_DNT, 1);
      expect(w.judge(site, cookie('_ga'), 1).state).toBe('removed');
      const view = w.view(site, 'https://syncronis.test/');
      expect(view).toMatchObject({ effectiveChoice: 'essential-only', choiceReason: 'signal-ignored', signals: { stance: 'ignores', signal: 'dnt', sending: true } });
      expect(view.signals.sentence).toContain("don't respond to DNT");
      // The user's own choice for the site wins; with the signals off the default applies again.
      w.settings = { ...w.settings, siteChoices: { [site]: 'allow-all' } };
      expect(w.judge(site, cookie('_ga'), 2).state).toBe('kept');
      w.settings = { ...w.settings, siteChoices: {}, sendSignals: false };
      expect(w.view(site, null).choiceReason).toBe('default');
    });

    it('a site that claims GPC keeps the default until it sets a tracking cookie: a breach, then essential only', () => {
      const w = new Warden(knowledge, { ...DEFAULT_SETTINGS, defaultChoice: 'allow-all', siteChoices: {} });
      w.setPolicy(claimant, { status: 'none', reason: 'no policy found' }, null, 1);
      expect(w.view(claimant, null).choiceReason).toBe('signal-unknown');
      w.signals.setGpc(claimant, gpcTrue);
      expect(w.stanceOf(claimant)).toMatchObject({ stance: 'honors', source: 'gpc.json' });
      const ga = cookie('_ga', '.claimant.test');
      expect(w.judge(claimant, ga, 2).state).toBe('kept');
      const entry = w.signals.noteSet(claimant, w.stanceOf(claimant), { name: '_ga', domain: '.claimant.test', purpose: 'analytics', firstParty: true }, 3);
      expect(entry?.breach?.cookies.map((c) => c.name)).toEqual(['_ga']);
      expect(w.rejudge(claimant, 4).map((r) => r.cookie.name)).toEqual(['_ga']);
      const view = w.view(claimant, null);
      expect(view).toMatchObject({ effectiveChoice: 'essential-only', choiceReason: 'signal-breach', breaches: 1 });
      expect(view.cookies.find((c) => c.name === '_ga')).toMatchObject({ state: 'removed', breaches: ['undeclared', 'signal-claim'] });
      expect(w.breachCount(claimant)).toBe(1);
    });
  });
});
