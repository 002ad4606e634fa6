import { describe, expect, it } from 'vitest';
import { FIRST_RETRY_MS, MAX_RETRY_MS, retryDelayMs } from './backoff';

describe('retryDelayMs', () => {
  const mid = () => 0.5; // no jitter
  it('grows fourfold per failure from one minute, capped at a day', () => {
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, mid))).toEqual([60_000, 240_000, 960_000, 3_840_000]);
    expect(retryDelayMs(30, mid)).toBe(MAX_RETRY_MS);
    expect(retryDelayMs(0, mid)).toBe(FIRST_RETRY_MS);
  });
  it('jitters by at most 20 %', () => {
    expect(retryDelayMs(1, () => 0)).toBe(48_000);
    expect(retryDelayMs(1, () => 0.999999)).toBeLessThanOrEqual(72_000);
    expect(retryDelayMs(40, () => 0.999999)).toBeLessThanOrEqual(MAX_RETRY_MS);
  });
});
