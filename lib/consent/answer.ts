/**
 * Issue 15: what to answer a site's consent banner, from the choice the site gets (lib/signals/effective-choice.ts).
 *
 * A platform lists categories (vanilla-cookieconsent, Cookiebot, OneTrust groups) or services with purposes
 * (Klaro, tarteaucitron). Each is mapped to one of our purposes; the answer accepts a category only when the
 * choice consents to its purpose. A category we cannot place is refused unless the person allows all: never
 * accept what the user refused. A category the platform marks required cannot be refused and is left alone.
 */
import type { Choice, Purpose } from '../types';
import { purposeOfCategory } from '../policy/read/purpose';

export const CONSENT_PLATFORMS = ['vanilla-cookieconsent', 'klaro', 'tarteaucitron', 'cookiebot', 'onetrust'] as const;
/** The platforms we answer through their own documented JavaScript API. */
export type ConsentPlatform = (typeof CONSENT_PLATFORMS)[number];

export function isConsentPlatform(x: unknown): x is ConsentPlatform {
  return typeof x === 'string' && (CONSENT_PLATFORMS as readonly string[]).includes(x);
}

/** One category (or service) as the platform names it in the page. */
export interface PlatformCategory {
  /** The platform's own id: a category name, a service key, a OneTrust group id. */
  id: string;
  /** Klaro: the service's purposes; tarteaucitron: the service's type; others: none. */
  purposes: string[];
  /** The platform will not let it be refused (vanilla `readOnly`, Klaro `required`, Cookiebot necessary). */
  required: boolean;
}

/** Does the choice consent to a purpose? Unlike cookie removal (unknown is kept), consent to the unknown is no. */
export function consentsTo(choice: Choice, purpose: Purpose): boolean {
  switch (purpose) {
    case 'essential':
      return true;
    case 'functional':
      return choice !== 'essential-only';
    case 'analytics':
    case 'advertising':
    case 'unknown':
      return choice === 'allow-all';
  }
}

// Fixed vocabularies, from each platform's documentation.
/** Cookiebot: `Cookiebot.consent.{necessary, preferences, statistics, marketing}`. */
const COOKIEBOT: Record<string, Purpose> = { necessary: 'essential', preferences: 'functional', statistics: 'analytics', marketing: 'advertising' };
/**
 * OneTrust's default category ids (the `groups` field of `OptanonConsent`): C0001 strictly necessary,
 * C0002 performance, C0003 functional, C0004 targeting, C0005 social media. Tenants may add their own ids
 * (then the group's name decides, when the page gives it).
 */
const ONETRUST: Record<string, Purpose> = { C0001: 'essential', C0002: 'analytics', C0003: 'functional', C0004: 'advertising', C0005: 'advertising' };
/**
 * tarteaucitron's service types (tarteaucitron.services.js): analytic, ads, social, video, api, support,
 * comment, google, other. Social widgets track across sites; embedded players and APIs are the site's
 * features; "google" and "other" say nothing.
 */
const TARTEAUCITRON: Record<string, Purpose> = {
  analytic: 'analytics',
  ads: 'advertising',
  social: 'advertising',
  video: 'functional',
  api: 'functional',
  support: 'functional',
  comment: 'functional',
};

/** Klaro's and vanilla-cookieconsent's own words that purposeOfCategory does not know. */
const EXTRA_WORDS: Array<[RegExp, Purpose]> = [
  [/^(statistics?|stats|performance|measurement|tracking|matomo)$/i, 'analytics'],
  [/^(marketing|ads|advertising|targeting|retargeting|social(media)?)$/i, 'advertising'],
  [/^(functionality|preferences?|styling|livechat|support|video|embeds?|maps?|fonts?)$/i, 'functional'],
];

function purposeOfWord(word: string): Purpose {
  for (const [re, purpose] of EXTRA_WORDS) if (re.test(word.trim())) return purpose;
  return purposeOfCategory(word) ?? 'unknown';
}

/**
 * The purpose of one category. Several purposes on one service (Klaro): the most intrusive one counts, so
 * a service that is "livechat" and "marketing" is refused when marketing is.
 */
export function purposeOf(platform: ConsentPlatform, category: PlatformCategory): Purpose {
  const p = namedPurpose(platform, category);
  // "Required" is the site's word: a required category named for analytics or advertising stays that (a record
  // granting it is not "essential only"); any other required one is essential.
  if (category.required) return p === 'analytics' || p === 'advertising' ? p : 'essential';
  // The site itself lets it be refused (a Klaro service "for security" that is not required): not strictly
  // necessary, so at most functional.
  return p === 'essential' && platform !== 'cookiebot' && platform !== 'onetrust' ? 'functional' : p;
}

function namedPurpose(platform: ConsentPlatform, category: PlatformCategory): Purpose {
  switch (platform) {
    case 'cookiebot':
      return COOKIEBOT[category.id] ?? 'unknown';
    case 'onetrust':
      return ONETRUST[category.id] ?? (category.purposes[0] ? purposeOfWord(category.purposes[0]) : 'unknown');
    case 'tarteaucitron':
      return TARTEAUCITRON[category.purposes[0] ?? ''] ?? 'unknown';
    case 'vanilla-cookieconsent':
      return purposeOfWord(category.id);
    case 'klaro': {
      const words = category.purposes.length > 0 ? category.purposes : [category.id];
      return mostIntrusive(words.map(purposeOfWord));
    }
  }
}

const RANK: Record<Purpose, number> = { essential: 0, functional: 1, unknown: 2, analytics: 3, advertising: 4 };

export function mostIntrusive(purposes: readonly Purpose[]): Purpose {
  let worst: Purpose = 'essential';
  for (const p of purposes) if (RANK[p] > RANK[worst]) worst = p;
  return purposes.length === 0 ? 'unknown' : worst;
}

export interface ConsentAnswer {
  /** Category ids to accept (required ones included); every other category is refused. */
  accept: string[];
  refuse: string[];
}

/** What to tell the platform: the categories the choice consents to, and the rest refused. */
export function answerFor(platform: ConsentPlatform, categories: readonly PlatformCategory[], choice: Choice): ConsentAnswer {
  const accept: string[] = [];
  const refuse: string[] = [];
  for (const c of categories) {
    if (c.required || consentsTo(choice, purposeOf(platform, c))) accept.push(c.id);
    else refuse.push(c.id);
  }
  return { accept, refuse };
}
