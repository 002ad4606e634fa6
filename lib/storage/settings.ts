/**
 * The stored settings: schema, defaults, validation with repair, and migrations (pure; the adapter in
 * entrypoints/background/storage.ts declares the versioned item and runs them).
 */
import { CHOICES, type Choice, type CookieException, type Settings, type UnknownCookies } from '../types';

// Not imported from lib/messages.ts, which imports the validators below (no import cycle).
function isChoice(x: unknown): x is Choice {
  return typeof x === 'string' && (CHOICES as readonly string[]).includes(x);
}

export const SETTINGS_VERSION = 3;

export const DEFAULT_SETTINGS: Settings = {
  defaultChoice: 'essential-only',
  siteChoices: {},
  sendSignals: true,
  paused: false,
  retentionDays: 30,
  cookieExceptions: {},
  unknownCookies: 'keep',
  answerBanners: true,
  bannerSites: {},
};

/** Observations are kept between one day and one year. */
export const RETENTION_MIN_DAYS = 1;
export const RETENTION_MAX_DAYS = 365;

function isRetentionDays(x: unknown): x is number {
  return Number.isInteger(x) && (x as number) >= RETENTION_MIN_DAYS && (x as number) <= RETENTION_MAX_DAYS;
}

/** Bounds: a site name as DNS allows it, a cookie name as we keep it, and a list a person can still read. */
const MAX_SITE = 253;
const MAX_COOKIE_NAME = 256;
const MAX_EXCEPTIONS_PER_SITE = 500;
const MAX_EXCEPTION_SITES = 2_000;

export function isCookieException(x: unknown): x is CookieException {
  return x === 'allow' || x === 'remove';
}

export function isUnknownCookies(x: unknown): x is UnknownCookies {
  return x === 'keep' || x === 'remove';
}

export function validSiteName(site: unknown): site is string {
  return typeof site === 'string' && site.length > 0 && site.length <= MAX_SITE && !/[\s/;,=]/.test(site);
}

/** A cookie name as RFC 6265 allows it (a token: no separators, controls or spaces), bounded. */
export function validCookieName(name: unknown): name is string {
  return typeof name === 'string' && name.length > 0 && name.length <= MAX_COOKIE_NAME && /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(name);
}

/** Repair whatever is stored into valid settings: bad fields fall back to defaults, good ones are kept. */
export function validateSettings(raw: unknown): Settings {
  const out: Settings = { ...DEFAULT_SETTINGS, siteChoices: {}, cookieExceptions: {}, bannerSites: {} };
  if (typeof raw !== 'object' || raw === null) return out;
  const r = raw as Record<string, unknown>;
  if (isChoice(r.defaultChoice)) out.defaultChoice = r.defaultChoice;
  if (typeof r.sendSignals === 'boolean') out.sendSignals = r.sendSignals;
  if (typeof r.paused === 'boolean') out.paused = r.paused;
  if (isRetentionDays(r.retentionDays)) out.retentionDays = r.retentionDays;
  if (isUnknownCookies(r.unknownCookies)) out.unknownCookies = r.unknownCookies;
  if (typeof r.answerBanners === 'boolean') out.answerBanners = r.answerBanners;
  if (typeof r.bannerSites === 'object' && r.bannerSites !== null) {
    let n = 0;
    for (const [site, on] of Object.entries(r.bannerSites as Record<string, unknown>)) {
      if (n >= MAX_EXCEPTION_SITES) break;
      if (validSiteName(site) && typeof on === 'boolean') {
        out.bannerSites[site] = on;
        n++;
      }
    }
  }
  if (typeof r.siteChoices === 'object' && r.siteChoices !== null) {
    for (const [site, choice] of Object.entries(r.siteChoices as Record<string, unknown>)) {
      if (site.length > 0 && site.length <= MAX_SITE && isChoice(choice)) out.siteChoices[site] = choice;
    }
  }
  if (typeof r.cookieExceptions === 'object' && r.cookieExceptions !== null) {
    let sites = 0;
    for (const [site, names] of Object.entries(r.cookieExceptions as Record<string, unknown>)) {
      if (sites >= MAX_EXCEPTION_SITES) break;
      if (!validSiteName(site) || typeof names !== 'object' || names === null) continue;
      const kept: Record<string, CookieException> = {};
      let n = 0;
      for (const [name, rule] of Object.entries(names as Record<string, unknown>)) {
        if (n >= MAX_EXCEPTIONS_PER_SITE) break;
        if (validCookieName(name) && isCookieException(rule)) {
          kept[name] = rule;
          n++;
        }
      }
      if (n > 0) {
        out.cookieExceptions[site] = kept;
        sites++;
      }
    }
  }
  return out;
}

/**
 * Migrations keyed by the version they produce. v1 was the first stored shape; v2 adds per-cookie exceptions
 * and the setting for cookies of unknown purpose, both with their defaults (the v1 fields are kept).
 */
export const SETTINGS_MIGRATIONS: Record<number, (old: unknown) => unknown> = {
  // Only the new fields: what an older file lacks stays missing, so an import keeps the person's current
  // value for it (lib/storage/transfer.ts); loading validates and fills defaults anyway.
  // v2: per-cookie exceptions and the setting for cookies of unknown purpose (written in by an earlier version
  // of this step, which made an imported v1 file reset the person's current exceptions and setting).
  2: (old) => old,
  // v3 (issue 15): answering consent banners (`answerBanners`, `bannerSites`). Nothing to carry over: loading
  // fills the defaults (on, no per-site switch), and an imported older file keeps the person's current values.
  3: (old) => old,
};

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

export function withPaused(settings: Settings, paused: boolean): Settings {
  return { ...settings, paused };
}

export function withRetentionDays(settings: Settings, retentionDays: number): Settings {
  return isRetentionDays(retentionDays) ? { ...settings, retentionDays } : settings;
}

/** A per-cookie exception on a site ("always allow" / "always remove"), or none with null. */
export function withCookieException(settings: Settings, site: string, name: string, rule: CookieException | null): Settings {
  const cookieExceptions = { ...settings.cookieExceptions };
  const names = { ...(cookieExceptions[site] ?? {}) };
  if (rule === null) delete names[name];
  else names[name] = rule;
  if (Object.keys(names).length === 0) delete cookieExceptions[site];
  else cookieExceptions[site] = names;
  return { ...settings, cookieExceptions };
}

export function withUnknownCookies(settings: Settings, unknownCookies: UnknownCookies): Settings {
  return { ...settings, unknownCookies };
}

export function withAnswerBanners(settings: Settings, answerBanners: boolean): Settings {
  return { ...settings, answerBanners };
}

/** The per-site banner switch; null goes back to the global one. */
export function withSiteBanners(settings: Settings, site: string, on: boolean | null): Settings {
  const bannerSites = { ...settings.bannerSites };
  if (on === null || on === settings.answerBanners) delete bannerSites[site];
  else bannerSites[site] = on;
  return { ...settings, bannerSites };
}

/** Does the extension answer consent banners on this site? */
export function answersBannersOn(settings: Settings, site: string): boolean {
  const own = settings.bannerSites[site];
  return typeof own === 'boolean' ? own : settings.answerBanners;
}

/** The exception a site holds for a cookie name, if any. */
export function exceptionFor(settings: Settings, site: string, name: string): CookieException | null {
  const names = settings.cookieExceptions[site];
  return names && Object.prototype.hasOwnProperty.call(names, name) ? (names[name] ?? null) : null;
}
