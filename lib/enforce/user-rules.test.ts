import { describe, expect, it } from 'vitest';
import { Warden } from '../engine/warden';
import { type ObservedCookie } from '../engine/entry';
import { loadKnowledge } from '../../scripts/knowledge-node';
import { DEFAULT_SETTINGS, SETTINGS_MIGRATIONS, validateSettings, withCookieException, withSiteChoice, withUnknownCookies } from '../storage/settings';
import type { SiteKey } from '../site';
import { applyUserRules } from './user-rules';
import type { Verdict } from './decide';

const cookie = (name: string, domain: string): ObservedCookie => ({ name, domain, path: '/', secure: false, httpOnly: false, hostOnly: true, session: false, storeId: '0' });
const site = (s: string) => s as SiteKey;

describe('per-cookie exceptions and the unknown-purpose setting', () => {
  it('"always allow" keeps a cookie the choice refuses', () => {
    const w = new Warden(loadKnowledge(), withCookieException(DEFAULT_SETTINGS, 'shop.test', '_ga', 'allow'));
    expect(w.observe(cookie('_ga', 'shop.test'), 1).remove).toBeNull();
    expect(w.observe(cookie('_gid', 'shop.test'), 1).remove).not.toBeNull();
  });

  it('"always remove" removes a cookie the choice keeps, on its own site', () => {
    const s = withCookieException(withSiteChoice(DEFAULT_SETTINGS, 'shop.test', 'allow-all'), 'shop.test', 'theme', 'remove');
    const w = new Warden(loadKnowledge(), s);
    expect(w.observe(cookie('theme', 'shop.test'), 1).remove).not.toBeNull();
  });

  it('"always remove" on another site never removes a cookie its owner keeps (a session)', () => {
    const s = withCookieException(DEFAULT_SETTINGS, 'blog.test', 'session', 'remove');
    const w = new Warden(loadKnowledge(), s);
    w.tabs.navigate(1, 'https://blog.test/');
    w.tabs.sawHost(1, 'login.test');
    expect(w.observe(cookie('session', 'login.test'), 1).remove).toBeNull();
    expect(w.refuses('session', 'login.test')).toBe(false);
  });

  it('an exception changes a choice change at once: "always allow" undone removes the cookie', () => {
    const allow = withCookieException(DEFAULT_SETTINGS, 'shop.test', '_ga', 'allow');
    const w = new Warden(loadKnowledge(), allow);
    w.observe(cookie('_ga', 'shop.test'), 1);
    expect(w.setSettings(withCookieException(allow, 'shop.test', '_ga', null)).map((c) => c.name)).toEqual(['_ga']);
  });

  it('unknown purpose: kept by default, removed once the policy spoke when the user asks', () => {
    // The learned classifier answers for most observed cookies; what it leaves unknown (basis 'none') is what
    // this setting acts on. Asked directly of the rule:
    const unknown: Verdict = { purpose: 'unknown', basis: 'none', declared: null, action: 'keep', flag: 'purpose unknown: kept', breaches: [], notes: {} };
    expect(applyUserRules(unknown, { exception: null, unknownCookies: 'keep', policy: 'found' }).action).toBe('keep');
    // Policy still pending: kept (it may declare it essential).
    expect(applyUserRules(unknown, { exception: null, unknownCookies: 'remove', policy: 'pending' }).action).toBe('keep');
    expect(applyUserRules(unknown, { exception: null, unknownCookies: 'remove', policy: 'none' }).action).toBe('remove');
    // Disputed between sources: kept whatever the setting.
    expect(applyUserRules({ ...unknown, basis: 'disagreement' }, { exception: null, unknownCookies: 'remove', policy: 'found' }).action).toBe('keep');
    // Essential by its name: kept whatever the setting.
    const strict = new Warden(loadKnowledge(), withUnknownCookies(DEFAULT_SETTINGS, 'remove'));
    expect(strict.observe(cookie('PHPSESSID', 'shop.test'), 2).remove).toBeNull();
  });

  it('refuses() asks the same sites as a stored cookie', () => {
    const w = new Warden(loadKnowledge(), DEFAULT_SETTINGS);
    expect(w.refuses('_gcl_au', 'shop.test')).toBe(true);
    expect(w.refuses('session', 'shop.test')).toBe(false);
    expect(w.refuses('bm_sz', 'shop.test')).toBe(false);
    const open = new Warden(loadKnowledge(), withSiteChoice(DEFAULT_SETTINGS, 'shop.test', 'allow-all'));
    expect(open.refuses('_gcl_au', 'shop.test')).toBe(false);
    // A partition site that keeps it keeps it (Firefox: either may own it).
    expect(w.refuses('IDE', 'tracker.test', [site('shop.test')])).toBe(true);
    expect(open.refuses('IDE', 'tracker.test', [site('shop.test')])).toBe(false);
  });
});

describe('settings v2', () => {
  it('validates exceptions and the unknown setting, repairing bad entries', () => {
    const s = validateSettings({
      defaultChoice: 'allow-all',
      cookieExceptions: { 'shop.test': { _ga: 'allow', 'bad name': 'allow', x: 'maybe' }, '': { a: 'allow' } },
      unknownCookies: 'sometimes',
    });
    expect(s.cookieExceptions).toEqual({ 'shop.test': { _ga: 'allow' } });
    expect(s.unknownCookies).toBe('keep');
  });

  it('migrates v1 settings, keeping the choices', () => {
    const v1 = { defaultChoice: 'essential-functional', siteChoices: { 'a.test': 'allow-all' }, sendSignals: false };
    expect(SETTINGS_MIGRATIONS[2]!(v1)).toEqual(v1);
    // What an older file lacks stays missing (an import then keeps the current value; loading fills defaults).
    expect(SETTINGS_MIGRATIONS[2]!(v1)).not.toHaveProperty('cookieExceptions');
    expect(validateSettings(SETTINGS_MIGRATIONS[2]!(v1))).toMatchObject({ ...v1, cookieExceptions: {}, unknownCookies: 'keep' });
  });

  it('edits exceptions purely', () => {
    const a = withCookieException(DEFAULT_SETTINGS, 'shop.test', '_ga', 'allow');
    expect(DEFAULT_SETTINGS.cookieExceptions).toEqual({});
    expect(withCookieException(a, 'shop.test', '_ga', null).cookieExceptions).toEqual({});
  });
});

describe('asking about a cookie records nothing', () => {
  it('refuses() and voteOf() leave an unknown site unknown (a woken worker still loads it)', () => {
    const w = new Warden(loadKnowledge(), DEFAULT_SETTINGS);
    w.refuses('_ga', 'shop.test', [site('other.test')]);
    w.voteOf(site('third.test'), '_ga', 'third.test');
    expect(w.knows(site('shop.test'))).toBe(false);
    expect(w.knows(site('other.test'))).toBe(false);
    expect(w.knows(site('third.test'))).toBe(false);
  });
});
