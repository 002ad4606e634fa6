/**
 * The engine's cookies in the order they were first seen, to evict the oldest when the engine is full.
 * A Map's first key says the same, but once many entries were deleted, finding it steps over every deleted
 * slot: in a storm of never-seen cookies that took half the engine's time. A queue with lazy removal
 * (an entry no longer in the map, or replaced under its key, is skipped) costs O(1) amortised.
 */
export class EntryOrder<E extends { readonly key: string }> {
  private queue: E[] = [];
  private head = 0;

  constructor(private readonly live: ReadonlyMap<string, E>) {}

  /** An entry was just added to the map. */
  added(entry: E): void {
    this.queue.push(entry);
    if (this.queue.length - this.head > 2 * Math.max(1_024, this.live.size)) this.compact();
  }

  /** The oldest entry still in the map (the map's first key), or undefined when it is empty. */
  oldest(): E | undefined {
    while (this.head < this.queue.length) {
      const entry = this.queue[this.head]!;
      if (this.live.get(entry.key) === entry) return entry;
      this.head++;
    }
    return undefined;
  }

  private compact(): void {
    this.queue = this.queue.slice(this.head).filter((e) => this.live.get(e.key) === e);
    this.head = 0;
  }
}
