import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { answersBannersOn, DEFAULT_SETTINGS, SETTINGS_MIGRATIONS, validateSettings, withAnswerBanners, withSiteBanners } from './settings';
import { CHOICES } from '../types';
import type { Settings } from '../messages';

const choice = fc.constantFrom(...CHOICES);
const site = fc.stringMatching(/^[a-z0-9-]{1,20}(?:\.[a-z0-9-]{1,20}){0,3}$/);
const validSettings: fc.Arbitrary<Settings> = fc.record({
  defaultChoice: choice,
  siteChoices: fc.dictionary(site, choice, { maxKeys: 30 }),
  sendSignals: fc.boolean(),
  paused: fc.boolean(),
  retentionDays: fc.integer({ min: 1, max: 365 }),
  cookieExceptions: fc.constant({}),
  unknownCookies: fc.constantFrom('keep' as const, 'remove' as const),
  answerBanners: fc.boolean(),
  bannerSites: fc.dictionary(site, fc.boolean(), { maxKeys: 10 }),
});
/** Anything storage could hold: valid settings with broken or extra fields, or junk. */
const stored = fc.oneof(
  validSettings,
  fc.tuple(validSettings, fc.constantFrom('defaultChoice', 'siteChoices', 'sendSignals', 'paused', 'retentionDays', 'extra'), fc.anything()).map(([s, k, v]) => ({ ...s, [k]: v })),
  fc.record({ defaultChoice: fc.anything(), siteChoices: fc.dictionary(fc.string(), fc.oneof(choice, fc.anything())), sendSignals: fc.anything() }, { requiredKeys: [] }),
  fc.anything(),
  fc.jsonValue(),
);

describe('validateSettings', () => {
  it('repairs to defaults, keeps what is valid', () => {
    expect(validateSettings(undefined)).toEqual(DEFAULT_SETTINGS);
    expect(validateSettings({ defaultChoice: 'allow-all', siteChoices: { 'a.example': 'nope', 'b.example': 'essential-functional' }, sendSignals: 'yes' })).toEqual({
      ...DEFAULT_SETTINGS,
      defaultChoice: 'allow-all',
      siteChoices: { 'b.example': 'essential-functional' },
      sendSignals: true,
    });
  });

  it('a site named __proto__ does not touch the prototype', () => {
    const s = validateSettings(JSON.parse('{"siteChoices":{"__proto__":"allow-all","a.example":"allow-all"}}'));
    expect(Object.getPrototypeOf(s.siteChoices)).toBe(Object.prototype);
    expect(s.siteChoices).toEqual({ 'a.example': 'allow-all' });
  });

  it('property: never throws, always valid, idempotent', () => {
    fc.assert(
      fc.property(stored, (raw) => {
        const once = validateSettings(raw);
        expect(CHOICES).toContain(once.defaultChoice);
        expect(typeof once.sendSignals).toBe('boolean');
        for (const c of Object.values(once.siteChoices)) expect(CHOICES).toContain(c);
        expect(validateSettings(once)).toEqual(once);
        expect(validateSettings(JSON.parse(JSON.stringify(once)))).toEqual(once);
      }),
      { numRuns: 2_000 },
    );
  });

  it('property: valid settings come back unchanged; a broken field does not cost the others', () => {
    fc.assert(
      fc.property(validSettings, fc.constantFrom('defaultChoice', 'siteChoices', 'sendSignals'), fc.anything(), (s, key, junk) => {
        expect(validateSettings(s)).toEqual(s);
        const broken = validateSettings({ ...s, [key]: junk });
        if (key !== 'defaultChoice') expect(broken.defaultChoice).toBe(s.defaultChoice);
        if (key !== 'sendSignals') expect(broken.sendSignals).toBe(s.sendSignals);
        if (key !== 'siteChoices') expect(broken.siteChoices).toEqual(s.siteChoices);
      }),
      { numRuns: 1_000 },
    );
  });
});

describe('banner switches (issue 15)', () => {
  it('v2 → v3 keeps every setting and answers banners by default', () => {
    const v2 = { defaultChoice: 'allow-all', siteChoices: { 'a.example': 'essential-only' }, sendSignals: false, paused: false, retentionDays: 9, cookieExceptions: { 'a.example': { sid: 'allow' } }, unknownCookies: 'remove' };
    const v3 = validateSettings(SETTINGS_MIGRATIONS[3]!(v2));
    expect(v3).toEqual({ ...v2, answerBanners: true, bannerSites: {} });
  });

  it('the per-site switch overrides the global one, and goes away when it says the same', () => {
    let s = validateSettings(undefined);
    expect(answersBannersOn(s, 'shop.test')).toBe(true);
    s = withSiteBanners(s, 'shop.test', false);
    expect(answersBannersOn(s, 'shop.test')).toBe(false);
    expect(answersBannersOn(s, 'other.test')).toBe(true);
    s = withAnswerBanners(s, false);
    expect(answersBannersOn(s, 'other.test')).toBe(false);
    s = withSiteBanners(s, 'shop.test', false);
    expect(s.bannerSites).toEqual({});
    s = withSiteBanners(s, 'shop.test', true);
    expect(answersBannersOn(s, 'shop.test')).toBe(true);
  });
});
