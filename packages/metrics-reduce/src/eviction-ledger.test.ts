import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ledgerRecord } from '../test/rank-fixtures.js';
import { EvictionLedger } from './eviction-ledger.js';
import { LEDGER_SPEC, reduceLedger } from './ledger.js';

describe('EvictionLedger', () => {
  it('a fresh write of a key still in the ring counts one false eviction', () => {
    const ledger = new EvictionLedger(4);
    ledger.evicted('a');
    ledger.evicted('b');
    expect(ledger.freshWrite('a')).toBe(true);
    expect(ledger.freshWrite('a')).toBe(false); // the key left the ring with its false eviction
    expect(ledger.freshWrite('c')).toBe(false);
    expect(ledger.drain(5, 17)).toEqual({ step: 5, evictions: 2, false_evictions: 1, fresh_writes: 3, size: 17 });
  });

  it('the ring is bounded: the oldest eviction falls out and no longer counts', () => {
    const ledger = new EvictionLedger(2);
    ledger.evicted('a');
    ledger.evicted('b');
    ledger.evicted('c'); // a falls out
    expect(ledger.freshWrite('a')).toBe(false);
    expect(ledger.freshWrite('b')).toBe(true);
    expect(ledger.freshWrite('c')).toBe(true);
  });

  it('re-evicting a key refreshes its place in the ring', () => {
    const ledger = new EvictionLedger(2);
    ledger.evicted('a');
    ledger.evicted('b');
    ledger.evicted('a'); // takes the oldest slot (the first a): b is now the oldest entry
    ledger.evicted('c'); // b falls out, a stays
    expect(ledger.isRecentlyEvicted('a')).toBe(true);
    expect(ledger.isRecentlyEvicted('b')).toBe(false);
  });

  it('a full wipe clears the ring: writes after an intentional wipe are never false evictions', () => {
    const ledger = new EvictionLedger(8);
    for (const k of ['a', 'b', 'c']) ledger.evicted(k);
    ledger.wiped();
    expect(ledger.recentlyEvictedCount).toBe(0);
    for (const k of ['a', 'b', 'c']) expect(ledger.freshWrite(k)).toBe(false);
    expect(ledger.drain(1, 0)).toEqual({ step: 1, evictions: 3, false_evictions: 0, fresh_writes: 3, size: 0 });
  });

  it('drain resets the counts but keeps the ring across steps', () => {
    const ledger = new EvictionLedger(4);
    ledger.evicted('a');
    ledger.drain(1, 3);
    expect(ledger.freshWrite('a')).toBe(true);
    expect(ledger.drain(2, 4)).toEqual({ step: 2, evictions: 0, false_evictions: 1, fresh_writes: 1, size: 4 });
  });

  it('agrees with a naive model (list of the last `capacity` evictions) on random operation sequences', () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant('evict' as const), key: fc.nat({ max: 5 }) }),
      fc.record({ kind: fc.constant('write' as const), key: fc.nat({ max: 5 }) }),
      fc.record({ kind: fc.constant('wipe' as const) }),
    );
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 4 }), fc.array(op, { maxLength: 60 }), (capacity, ops) => {
        const ledger = new EvictionLedger<number>(capacity);
        // Model: every eviction appended with a `live` flag; the ring is the last `capacity` evictions
        // since the last wipe; a write hits if the key has a live entry inside that window.
        let log: { key: number; live: boolean }[] = [];
        let falseEvictions = 0;
        for (const o of ops) {
          if (o.kind === 'evict') {
            for (const e of log) if (e.key === o.key) e.live = false;
            log.push({ key: o.key, live: true });
          } else if (o.kind === 'wipe') {
            log = [];
            ledger.wiped();
            continue;
          } else {
            const window = log.slice(-capacity);
            const hit = window.find((e) => e.key === o.key && e.live);
            if (hit) {
              hit.live = false;
              falseEvictions++;
            }
            expect(ledger.freshWrite(o.key)).toBe(hit !== undefined);
            continue;
          }
          ledger.evicted(o.key);
        }
        expect(ledger.drain(0, 0).false_evictions).toBe(falseEvictions);
      }),
    );
  });

  it('rejects a capacity below 1', () => {
    expect(() => new EvictionLedger(0)).toThrow(RangeError);
  });
});

describe('ledger family', () => {
  it('sums each counter with a _max sibling and derives false_eviction_rate = Σ false / Σ evictions', () => {
    const ranks = [ledgerRecord(3, 10, 1, 20, 100), ledgerRecord(3, 30, 5, 5, 80), ledgerRecord(3, 0, 0, 7, 120)];
    const result = reduceLedger(ranks);
    expect(result.keys).toEqual([
      'ledger/evictions',
      'ledger/evictions_max',
      'ledger/false_eviction_rate',
      'ledger/false_evictions',
      'ledger/false_evictions_max',
      'ledger/fresh_writes',
      'ledger/fresh_writes_max',
      'ledger/size',
      'ledger/size_max',
    ]);
    expect(result.metrics).toEqual({
      'ledger/evictions': 10 + 30 + 0,
      'ledger/evictions_max': 30,
      'ledger/false_eviction_rate': (1 + 5 + 0) / (10 + 30 + 0),
      'ledger/false_evictions': 1 + 5 + 0,
      'ledger/false_evictions_max': 5,
      'ledger/fresh_writes': 20 + 5 + 7,
      'ledger/fresh_writes_max': 20,
      'ledger/size': 100 + 80 + 120,
      'ledger/size_max': 120,
    });
    // Not the mean of the per-rank rates (1/10, 5/30; rank 2 has none).
    expect(result.metrics['ledger/false_eviction_rate']).not.toBe((1 / 10 + 5 / 30) / 2);
  });

  it('omits false_eviction_rate when no rank evicted', () => {
    const result = reduceLedger([ledgerRecord(0, 0, 0, 1, 1)]);
    expect(result.metrics['ledger/false_eviction_rate']).toBeUndefined();
    expect(result.omitted).toEqual([{ key: 'ledger/false_eviction_rate', reason: 'zero_denominator' }]);
  });

  it('EvictionLedger records of several ranks reduce to the cluster totals (SUM-mode round trip)', () => {
    const ledgers = [new EvictionLedger(4), new EvictionLedger(4)];
    ledgers[0]!.evicted('x');
    ledgers[0]!.freshWrite('x');
    ledgers[1]!.evicted('y');
    ledgers[1]!.evicted('z');
    ledgers[1]!.freshWrite('q');
    const result = reduceLedger(ledgers.map((l, r) => l.drain(7, 10 * (r + 1))));
    expect(result.metrics['ledger/evictions']).toBe(1 + 2);
    expect(result.metrics['ledger/false_evictions']).toBe(1 + 0);
    expect(result.metrics['ledger/false_eviction_rate']).toBe(1 / 3);
    expect(LEDGER_SPEC.missing).toBe('error');
  });
});
