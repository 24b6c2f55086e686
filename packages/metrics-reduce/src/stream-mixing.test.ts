import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { streamMixingReader as reader } from '../test/rank-fixtures.js';
import type { MetricsReduceEvent } from './metrics-events.js';
import { ReaderTable } from './reader-table.js';
import { reduceStreamMixing } from './reduce-stream-mixing.js';
import { StreamMixingAggregator } from './stream-mixing-aggregator.js';
import { StreamMixingInputError } from './stream-mixing-input-error.js';
import { StreamMixingMeter } from './stream-mixing-meter.js';
import type { StreamMixingRankRecord } from './stream-mixing-record.js';

describe('stream-mixing family (hand-computed from the definitions)', () => {
  // Step 10. Rank 0: web (text, w 3) 4 picks, books (text, w 1) 0 picks last at 2, img (image, w 2) 2 picks.
  // Rank 1: web 2 picks, img 0 picks never picked, audio (audio, w 2) only here, 0 picks last at 9.
  const step = 10;
  const ranks: StreamMixingRankRecord[] = [
    { step, readers: [reader('web', 'text', 3, 4, 10), reader('books', 'text', 1, 0, 2), reader('img', 'image', 2, 2, 10)] },
    { step, readers: [reader('web', 'text', 3, 2, 10), reader('img', 'image', 2, 0, null), reader('audio', 'audio', 2, 0, 9)] },
  ];

  it('computes all seven metrics per the definitions', () => {
    const picksTotal = 4 + 0 + 2 + 2 + 0 + 0;
    const text = (4 + 0 + 2) / picksTotal;
    const image = (2 + 0) / picksTotal;
    const audio = 0 / picksTotal;
    // Target weights normalised over the union {web, books, img, audio}: 3 + 1 + 2 + 2 = 8.
    const target = { text: (3 + 1) / 8, image: 2 / 8, audio: 2 / 8 };
    const l1 = Math.abs(audio - target.audio) + Math.abs(image - target.image) + Math.abs(text - target.text);
    const entropy = -(image * Math.log(image) + text * Math.log(text));
    // Staleness: books 10 − 2 = 8; img on rank 1 never picked → 10 + 1 = 11; audio 10 − 9 = 1.
    const maxStaleness = Math.max(10 - 10, 10 - 2, 10 - 10, 10 - 10, step + 1, 10 - 9);
    const result = reduceStreamMixing(ranks);
    expect(result.step).toBe(step);
    expect(result.keys).toEqual([
      'stream_mixing/active_readers',
      'stream_mixing/entropy',
      'stream_mixing/max_staleness',
      'stream_mixing/picks_total',
      'stream_mixing/realized_frac/audio',
      'stream_mixing/realized_frac/image',
      'stream_mixing/realized_frac/text',
      'stream_mixing/starved_readers',
      'stream_mixing/target_l1',
    ]);
    const m = result.metrics;
    expect(m['stream_mixing/picks_total']).toBe(picksTotal);
    expect(m['stream_mixing/realized_frac/text']).toBe(text);
    expect(m['stream_mixing/realized_frac/image']).toBe(image);
    expect(m['stream_mixing/realized_frac/audio']).toBe(0);
    expect(m['stream_mixing/target_l1']).toBeCloseTo(l1, 15);
    expect(m['stream_mixing/entropy']).toBeCloseTo(entropy, 15);
    expect(m['stream_mixing/max_staleness']).toBe(maxStaleness);
    // Summed over ranks: web 6, img 2 → active; books 0, audio 0 → starved.
    expect(m['stream_mixing/active_readers']).toBe(2);
    expect(m['stream_mixing/starved_readers']).toBe(2);
  });

  it('with no picks at all, the fractions, target_l1 and entropy are omitted (zero denominator)', () => {
    const result = reduceStreamMixing([{ step: 3, readers: [reader('a', 'text', 1, 0, null)] }]);
    expect(result.metrics).toEqual({
      'stream_mixing/active_readers': 0,
      'stream_mixing/max_staleness': 3 + 1,
      'stream_mixing/picks_total': 0,
      'stream_mixing/starved_readers': 1,
    });
    expect(result.omitted.map((o) => o.key)).toEqual(['stream_mixing/entropy', 'stream_mixing/realized_frac/text', 'stream_mixing/target_l1']);
  });

  it('rejects ranks that disagree on a reader’s modality or target weight, or on the step', () => {
    const a = { step: 1, readers: [reader('web', 'text', 1, 1, 1)] };
    expect(() => reduceStreamMixing([a, { step: 1, readers: [reader('web', 'image', 1, 1, 1)] }])).toThrow(StreamMixingInputError);
    expect(() => reduceStreamMixing([a, { step: 1, readers: [reader('web', 'text', 2, 1, 1)] }])).toThrow(/target_weight 2 on rank 1/);
    expect(() => reduceStreamMixing([a, { step: 2, readers: [] }])).toThrow(/rank 1 is at step 2/);
    expect(() => reduceStreamMixing([{ step: 1, readers: [reader('web', 'text', 1, 1, 1), reader('web', 'text', 1, 1, 1)] }])).toThrow(/listed twice/);
  });

  it('reports omitted keys to the injected sink (metrics_keys_omitted)', () => {
    const table = new ReaderTable();
    table.add('web', 'text', 1);
    const events: MetricsReduceEvent[] = [];
    const aggregator = new StreamMixingAggregator(table, { emit: (e) => events.push(e) });
    aggregator.aggregate([new StreamMixingMeter(table).drain(5)]);
    expect(events).toEqual([
      {
        event: 'metrics_keys_omitted',
        severity: 'info',
        step: 5,
        omitted: [
          { key: 'stream_mixing/entropy', reason: 'zero_denominator' },
          { key: 'stream_mixing/realized_frac/text', reason: 'zero_denominator' },
          { key: 'stream_mixing/target_l1', reason: 'zero_denominator' },
        ],
      },
    ]);
    expect(aggregator.aggregate([]).toResult().omitted).toContainEqual({ key: 'stream_mixing/max_staleness', reason: 'no_readers' });
  });

  it('the meter rejects a reader index that is not in the table (instead of losing the pick)', () => {
    const table = new ReaderTable();
    table.add('web', 'text', 1);
    const meter = new StreamMixingMeter(table);
    for (const bad of [1, -1, 0.5]) expect(() => meter.pick(bad, 0)).toThrow(RangeError);
    table.add('books', 'text', 1);
    meter.pick(1, 3);
    expect(meter.drain(3).picks[1]).toBe(1);
  });

  it('the per-rank meter + aggregator (hot path) agrees with the record reduction (property)', () => {
    const readers = [
      { name: 'web', modality: 'text', w: 3 },
      { name: 'books', modality: 'text', w: 1 },
      { name: 'img', modality: 'image', w: 2 },
      { name: 'audio', modality: 'audio', w: 1 },
    ];
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 8 }), fc.array(fc.array(fc.nat({ max: 3 }), { maxLength: 6 }), { minLength: 1, maxLength: 5 }), (rankCount, steps) => {
        const table = new ReaderTable();
        for (const r of readers) table.add(r.name, r.modality, r.w);
        const meters = Array.from({ length: rankCount }, () => new StreamMixingMeter(table));
        const aggregator = new StreamMixingAggregator(table);
        const last: (number | null)[][] = meters.map(() => readers.map(() => null));
        steps.forEach((picks, step) => {
          const counts = meters.map(() => readers.map(() => 0));
          picks.forEach((readerIndex, i) => {
            const rank = i % rankCount;
            meters[rank]!.pick(readerIndex, step);
            counts[rank]![readerIndex]! += 1;
            last[rank]![readerIndex] = step;
          });
          const hot = aggregator.aggregate(meters.map((m) => m.drain(step))).toResult();
          const records = counts.map((c, rank) => ({
            step,
            readers: readers.map((r, i) => reader(r.name, r.modality, r.w, c[i]!, last[rank]![i]!)),
          }));
          const { step: _, ...plain } = reduceStreamMixing(records);
          expect(hot).toEqual(plain);
          expect(hot.metrics['stream_mixing/picks_total'] ?? 0).toBe(picks.length);
        });
      }),
    );
  });
});
