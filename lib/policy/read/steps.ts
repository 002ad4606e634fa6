/**
 * Long reads in steps, so that no document can hold the thread that reads it (issue 8: a 2 MB page of nested
 * elements kept the background busy for 18 s, and an unrelated site's denied cookie waited 10.7 s).
 *
 * The reader is written once, as generators that `yield` at points where it may pause (between chunks of
 * HTML, between blocks). Two drivers run them:
 *   - `runSync`: straight through, for the CLI, the bench and tests;
 *   - `runSliced`: gives the event loop a turn (a macrotask) whenever a slice of work has used its time, so
 *     the background keeps answering cookie events and messages while it reads.
 * A `Budget` bounds the whole read: once spent, each loop stops at its next check and says so in a warning.
 * Browser-free: `performance.now` and `setTimeout` exist in Node, workers and pages.
 */

/** A reader's work: yields where it may pause, returns its result. */
export type Steps<T> = Generator<void, T, void>;

const now = (): number => performance.now();

/** Time allowed for one read, all of it; checked at each pause point. */
export class Budget {
  private readonly started = now();
  private noted = false;

  constructor(readonly ms: number) {}

  get spent(): boolean {
    return now() - this.started > this.ms;
  }

  get elapsedMs(): number {
    return now() - this.started;
  }

  /** One warning per read, the first time a loop stops for the budget (null after that). */
  warning(what: string): string | null {
    if (this.noted) return null;
    this.noted = true;
    return `reading stopped after ${Math.round(this.elapsedMs)} ms (time bound ${this.ms} ms): ${what}`;
  }
}

/** Generous for any document we accept (5 MB reads in well under 1 s); a bound for the worst case. */
export const DEFAULT_READ_BUDGET_MS = 4_000;

/** Run steps to the end without pausing. */
export function runSync<T>(steps: Steps<T>): T {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

export interface SliceOptions {
  /** Work this long, then give the event loop a turn. */
  sliceMs?: number;
  /** How to give it a turn; a macrotask by default (a microtask would not let events in). */
  pause?: () => Promise<void>;
}

/** Defaults: 8 ms slices keep a cookie event's wait well under the 200 ms the issue asks. */
export const DEFAULT_SLICE_MS = 8;

export const macrotask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/** Run steps, pausing for a macrotask whenever a slice has used `sliceMs`. */
export async function runSliced<T>(steps: Steps<T>, options: SliceOptions = {}): Promise<T> {
  const sliceMs = options.sliceMs ?? DEFAULT_SLICE_MS;
  const pause = options.pause ?? macrotask;
  let sliceStart = now();
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
    if (now() - sliceStart >= sliceMs) {
      await pause();
      sliceStart = now();
    }
  }
}
