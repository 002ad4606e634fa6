/** Cookie lifetimes in a person's units: how long the cookie lives, and how long the policy says it should. */

export type LifetimeUnit = 'session' | 'seconds' | 'minutes' | 'hours' | 'days' | 'months' | 'years';

export interface Lifetime {
  unit: LifetimeUnit;
  /** Rounded amount in `unit` (0 for session). */
  amount: number;
}

const MINUTE = 60;
const HOUR = 3_600;
const DAY = 86_400;
const MONTH = 30 * DAY;
const YEAR = 365 * DAY;

/** Seconds to the largest unit that gives at least 1 (null or 0 = a session cookie). */
export function lifetimeOf(seconds: number | null): Lifetime {
  if (seconds === null || seconds <= 0) return { unit: 'session', amount: 0 };
  if (seconds >= YEAR) return { unit: 'years', amount: Math.round((seconds / YEAR) * 10) / 10 };
  if (seconds >= MONTH) return { unit: 'months', amount: Math.round(seconds / MONTH) };
  if (seconds >= DAY) return { unit: 'days', amount: Math.round(seconds / DAY) };
  if (seconds >= HOUR) return { unit: 'hours', amount: Math.round(seconds / HOUR) };
  if (seconds >= MINUTE) return { unit: 'minutes', amount: Math.round(seconds / MINUTE) };
  return { unit: 'seconds', amount: Math.round(seconds) };
}

/** What a cookie has left to live, from its expiry (epoch seconds; null = session) and when it was seen (ms). */
export function actualLifetimeSeconds(expiresAt: number | null, seenAtMs: number): number | null {
  if (expiresAt === null) return null;
  return Math.max(0, Math.round(expiresAt - seenAtMs / 1000));
}
