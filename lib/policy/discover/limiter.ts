/**
 * At most N policy fetches at once per site and M at once overall (issue 5: "at most 2 policy fetches at
 * once per site and a small global limit"). Waiting jobs start in arrival order as slots free up.
 */
export class FetchLimiter {
  private running = 0;
  private readonly perKey = new Map<string, number>();
  private readonly queue: Array<{ key: string; start: () => void }> = [];

  constructor(
    readonly maxPerKey = 2,
    readonly maxTotal = 4,
  ) {}

  run<T>(key: string, job: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const start = () => {
        this.running++;
        this.perKey.set(key, (this.perKey.get(key) ?? 0) + 1);
        let settled: Promise<T>;
        try {
          settled = job();
        } catch (err) {
          settled = Promise.reject(err);
        }
        settled.then(resolve, reject).finally(() => {
          this.running--;
          const n = (this.perKey.get(key) ?? 1) - 1;
          if (n === 0) this.perKey.delete(key);
          else this.perKey.set(key, n);
          this.pump();
        });
      };
      this.queue.push({ key, start });
      this.pump();
    });
  }

  /** Jobs running now, overall or for one key. */
  active(key?: string): number {
    return key === undefined ? this.running : (this.perKey.get(key) ?? 0);
  }

  waiting(): number {
    return this.queue.length;
  }

  private pump(): void {
    for (let i = 0; i < this.queue.length && this.running < this.maxTotal; ) {
      const item = this.queue[i]!;
      if ((this.perKey.get(item.key) ?? 0) < this.maxPerKey) {
        this.queue.splice(i, 1);
        item.start();
      } else {
        i++;
      }
    }
  }
}
