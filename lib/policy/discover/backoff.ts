/**
 * When to try a failed policy fetch again: 1 min, 4 min, 16 min, ... doubled twice per failure, at most a
 * day, with ±20 % jitter so that many sites failing together do not retry together (STYLE.md §5).
 */
export const FIRST_RETRY_MS = 60_000;
export const MAX_RETRY_MS = 24 * 3600_000;

/** Delay before the next try after `failures` failures in a row (1 = the first failure). */
export function retryDelayMs(failures: number, random: () => number = Math.random): number {
  const n = Math.max(1, Math.floor(failures));
  const base = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 4 ** Math.min(n - 1, 20));
  const jitter = 1 + (random() * 2 - 1) * 0.2;
  return Math.round(Math.min(MAX_RETRY_MS, base * jitter));
}
