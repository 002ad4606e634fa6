import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, validateSettings, withPaused, withRetentionDays } from './settings';
import { EXPORT_FORMAT, exportSettings, importSettings, parseExportText } from './transfer';
import type { Settings } from '../types';

const mine: Settings = {
  defaultChoice: 'essential-functional',
  siteChoices: { 'kopano.test': 'allow-all', 'syncronis.test': 'essential-only' },
  sendSignals: true,
  paused: true,
  cookieExceptions: {},
  unknownCookies: 'keep',
  retentionDays: 90,
  answerBanners: false,
  bannerSites: { 'kopano.test': true },
};
const roundTrip = (s: Settings) => parseExportText(JSON.stringify(exportSettings(s, new Date('2026-12-01T00:00:00Z'))));

describe('export and import', () => {
  it('export → reset → import gives the same settings', () => {
    const file = roundTrip(mine);
    const reset = { ...DEFAULT_SETTINGS, siteChoices: {} };
    const result = importSettings(file, reset);
    expect(result).toEqual({ ok: true, settings: mine, notes: [] });
  });

  it('the file holds settings only', () => {
    const file = exportSettings(mine, new Date(0));
    expect(Object.keys(file).sort()).toEqual(['exportedAt', 'format', 'settings', 'version']);
    expect(file.format).toBe(EXPORT_FORMAT);
  });

  it('refuses what is not ours, not JSON, or newer, and changes nothing', () => {
    expect(importSettings(parseExportText('{not json'), mine)).toEqual({ ok: false, problem: 'not-json' });
    expect(importSettings({ defaultChoice: 'allow-all' }, mine)).toEqual({ ok: false, problem: 'not-ours' });
    expect(importSettings([1, 2], mine)).toEqual({ ok: false, problem: 'not-ours' });
    expect(importSettings({ format: EXPORT_FORMAT, version: 99, settings: {} }, mine)).toEqual({ ok: false, problem: 'newer' });
    expect(importSettings({ format: EXPORT_FORMAT, version: 1 }, mine)).toEqual({ ok: false, problem: 'no-settings' });
  });

  it('an older export (without the newer settings) keeps the current values and says so', () => {
    const older = { format: EXPORT_FORMAT, version: 1, settings: { defaultChoice: 'allow-all', siteChoices: { 'a.test': 'allow-all' }, sendSignals: false } };
    const result = importSettings(older, mine);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.settings).toEqual({
      ...mine,
      defaultChoice: 'allow-all',
      sendSignals: false,
      siteChoices: { ...mine.siteChoices, 'a.test': 'allow-all' },
    });
    expect(result.notes.filter((n) => n.kind !== 'migrated')).toEqual([
      { kind: 'missing', field: 'paused' },
      // v2's exceptions and unknown-cookie setting: a v1 file has none, so the person's current ones stay.
      { kind: 'missing', field: 'cookieExceptions' },
      { kind: 'missing', field: 'unknownCookies' },
      { kind: 'missing', field: 'retentionDays' },
      // v3 (issue 15): the banner switches keep their current values.
      { kind: 'missing', field: 'answerBanners' },
      { kind: 'missing', field: 'bannerSites' },
    ]);
  });

  it('invalid values never replace a setting: the current one stays, bad entries are skipped, unknown fields ignored', () => {
    const bad = {
      format: EXPORT_FORMAT,
      version: 1,
      settings: {
        defaultChoice: 'block-everything',
        siteChoices: { 'ok.test': 'allow-all', 'bad.test': 'maybe', '': 'allow-all' },
        sendSignals: 'yes',
        paused: false,
        retentionDays: -3,
        cookieValues: { session: 'x' },
      },
    };
    const result = importSettings(bad, mine);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.settings).toEqual({ ...mine, paused: false, siteChoices: { ...mine.siteChoices, 'ok.test': 'allow-all' } });
    expect(result.notes).toEqual(
      expect.arrayContaining([
        { kind: 'unknown-field', field: 'cookieValues' },
        { kind: 'kept-current', field: 'defaultChoice' },
        { kind: 'kept-current', field: 'sendSignals' },
        { kind: 'kept-current', field: 'retentionDays' },
        { kind: 'skipped-entries', field: 'siteChoices', count: 2 },
      ]),
    );
    // …and what the v1 file lacks: v2's exceptions and unknown-cookie setting, the two banner switches (v3).
    expect(result.notes.filter((n) => n.kind !== 'migrated')).toHaveLength(9);
  });
});

describe('settings: pause and retention', () => {
  it('validate with repair', () => {
    expect(validateSettings({ paused: 'true', retentionDays: 0 })).toMatchObject({ paused: false, retentionDays: 30 });
    expect(validateSettings({ paused: true, retentionDays: 365 })).toMatchObject({ paused: true, retentionDays: 365 });
    expect(validateSettings({ retentionDays: 366 }).retentionDays).toBe(30);
    expect(withRetentionDays(mine, 2.5)).toBe(mine);
    expect(withPaused(mine, false).paused).toBe(false);
  });
});
