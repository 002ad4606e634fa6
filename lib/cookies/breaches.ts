/**
 * Breaches of a site's own policy, each typed, with the words that explain it. Pure: the decision
 * (lib/enforce/decide.ts) calls it with what it knows of one cookie and one site.
 *
 * - undeclared: set, and not in the declaration (nor in a provider it named);
 * - wrong-purpose: declared essential or functional, but known (or classified with confidence) as tracking;
 * - lifetime: expires later than declared by more than half again and by at least one day (CookieBlock's
 *   rule), or declared a session cookie but persistent;
 * - despite-refusal: an analytics or advertising cookie set after the site was told no (DNT / GPC sent, its
 *   consent record says refused, or the user's choice for the site refuses that purpose);
 * - undisclosed-third-party: a third-party cookie whose registrable domain the policy names nowhere.
 */
import type { DeclaredCookie, Purpose } from '../types';

export type BreachKind = 'undeclared' | 'wrong-purpose' | 'lifetime' | 'despite-refusal' | 'undisclosed-third-party';

export const TRACKING: ReadonlySet<Purpose> = new Set(['analytics', 'advertising']);

const DAY = 86_400;

export interface LifetimeFacts {
  /** Seconds since the epoch, absent for a session cookie. */
  expirationDate?: number;
  session: boolean;
  /** When it was seen (ms since the epoch). */
  now: number;
}

/** Seconds the cookie will live from when it was seen; 0 for a session cookie. */
export function actualLifetime(c: LifetimeFacts): number {
  if (c.session || c.expirationDate === undefined) return 0;
  return Math.max(0, Math.round(c.expirationDate - c.now / 1000));
}

/** The lifetime breach, in words, or null. */
export function lifetimeBreach(declared: DeclaredCookie, c: LifetimeFacts): string | null {
  const said = declared.durationSeconds;
  if (said === null) return null;
  const actual = actualLifetime(c);
  if (said === 0) return actual > 0 ? `declared a session cookie, but it lives ${describeSeconds(actual)}` : null;
  if (actual > said * 1.5 && actual - said >= DAY) {
    return `declared ${declared.durationAsWritten ?? describeSeconds(said)}, but it lives ${describeSeconds(actual)}`;
  }
  return null;
}

export function describeSeconds(s: number): string {
  if (s === 0) return 'for the session';
  const units: Array<[number, string]> = [
    [365 * DAY, 'year'],
    [30 * DAY, 'month'],
    [DAY, 'day'],
    [3600, 'hour'],
    [60, 'minute'],
  ];
  for (const [size, unit] of units) {
    // Under two of a unit, the next smaller one reads better ("30 days", not "1 month").
    if (s >= size * (unit === 'year' || unit === 'month' ? 2 : 1) || (unit === 'day' && s >= size)) {
      const n = Math.round((s / size) * 10) / 10;
      return `${n} ${unit}${n === 1 ? '' : 's'}`;
    }
  }
  return `${s} seconds`;
}
