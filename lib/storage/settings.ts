/**
 * The stored settings: schema, defaults, validation with repair, and migrations (pure; the adapter in
 * entrypoints/background/storage.ts declares the versioned item and runs them).
 */
import type { Choice, Settings } from '../types';
import { isChoice } from '../messages';

export const SETTINGS_VERSION = 1;

export const DEFAULT_SETTINGS: Settings = {
  defaultChoice: 'essential-only',
  siteChoices: {},
  sendSignals: true,
};

/** Repair whatever is stored into valid settings: bad fields fall back to defaults, good ones are kept. */
export function validateSettings(raw: unknown): Settings {
  const out: Settings = { ...DEFAULT_SETTINGS, siteChoices: {} };
  if (typeof raw !== 'object' || raw === null) return out;
  const r = raw as Record<string, unknown>;
  if (isChoice(r.defaultChoice)) out.defaultChoice = r.defaultChoice;
  if (typeof r.sendSignals === 'boolean') out.sendSignals = r.sendSignals;
  if (typeof r.siteChoices === 'object' && r.siteChoices !== null) {
    for (const [site, choice] of Object.entries(r.siteChoices as Record<string, unknown>)) {
      if (site.length > 0 && site.length <= 253 && isChoice(choice)) out.siteChoices[site] = choice;
    }
  }
  return out;
}

/** Migrations keyed by the version they produce. v1 is the first stored shape: nothing to migrate yet. */
export const SETTINGS_MIGRATIONS: Record<number, (old: unknown) => Settings> = {};

/** Settings edits: pure, each returns new settings (the background validates and stores them). */
export function withDefaultChoice(settings: Settings, choice: Choice): Settings {
  return { ...settings, defaultChoice: choice };
}

/** A site's own choice, or back to the default with null. */
export function withSiteChoice(settings: Settings, site: string, choice: Choice | null): Settings {
  const siteChoices = { ...settings.siteChoices };
  if (choice === null) delete siteChoices[site];
  else siteChoices[site] = choice;
  return { ...settings, siteChoices };
}
