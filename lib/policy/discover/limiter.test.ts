import { describe, expect, it } from 'vitest';
import { FetchLimiter } from './limiter';

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('FetchLimiter', () => {
  it('runs at most 2 per site and 3 overall, then the waiting ones in order', async () => {
    const limiter = new FetchLimiter(2, 3);
    const gates = Array.from({ length: 6 }, deferred);
    const started: string[] = [];
    const jobs = [
      ['a', 0], ['a', 1], ['a', 2], ['b', 3], ['c', 4], ['b', 5],
    ].map(([site, i]) =>
      limiter.run(site as string, async () => {
        started.push(`${site}${i}`);
        await gates[i as number]!.promise;
        return i;
      }),
    );
    await Promise.resolve();
    expect(started).toEqual(['a0', 'a1', 'b3']);
    expect(limiter.active('a')).toBe(2);
    gates[0]!.resolve();
    await expect(jobs[0]).resolves.toBe(0);
    await new Promise((r) => setTimeout(r, 0));
    expect(started).toEqual(['a0', 'a1', 'b3', 'a2']);
    gates[3]!.resolve();
    await new Promise((r) => setTimeout(r, 0));
    expect(started).toEqual(['a0', 'a1', 'b3', 'a2', 'c4']);
    for (const g of gates) g.resolve();
    await Promise.all(jobs);
    expect(limiter.active()).toBe(0);
    expect(started).toHaveLength(6);
  });

  it('frees the slot when a job fails', async () => {
    const limiter = new FetchLimiter(1, 1);
    await expect(limiter.run('a', () => Promise.reject(new Error('x')))).rejects.toThrow('x');
    await expect(limiter.run('a', async () => 1)).resolves.toBe(1);
    await expect(limiter.run('a', () => { throw new Error('sync'); })).rejects.toThrow('sync');
    expect(limiter.active()).toBe(0);
  });
});
