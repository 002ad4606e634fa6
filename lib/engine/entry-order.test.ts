import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { EntryOrder } from './entry-order';

describe('EntryOrder', () => {
  it('property: the oldest entry is always the map\'s first key, through adds, deletes, re-adds and evictions', () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant('add' as const), key: fc.integer({ min: 0, max: 40 }) }),
      fc.record({ kind: fc.constant('delete' as const), key: fc.integer({ min: 0, max: 40 }) }),
      fc.record({ kind: fc.constant('evict' as const) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 3_000 }), (ops) => {
        const map = new Map<string, { key: string }>();
        const order = new EntryOrder(map);
        for (const o of ops) {
          if (o.kind === 'add') {
            const key = String(o.key);
            if (map.has(key)) continue;
            const entry = { key };
            map.set(key, entry);
            order.added(entry);
          } else if (o.kind === 'delete') {
            map.delete(String(o.key));
          } else {
            const oldest = order.oldest();
            expect(oldest).toBe(map.values().next().value);
            if (oldest) map.delete(oldest.key);
          }
        }
        expect(order.oldest()).toBe(map.values().next().value);
      }),
      { numRuns: 300 },
    );
  });
});
