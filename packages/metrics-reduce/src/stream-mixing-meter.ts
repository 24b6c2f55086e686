import type { ReaderTable } from './reader-table.js';
import { StreamMixingSnapshot } from './stream-mixing-snapshot.js';

/**
 * One rank's stream-mixing instrumentation (the seed's pick-site metrics and `drain_step_metrics`):
 * `pick(reader, step)` at each pick, `drain(step)` once per step. Every reader of the table counts as
 * present on this rank. After warm-up nothing allocates: `drain` returns the same snapshot object,
 * valid until the next `drain`.
 */
export class StreamMixingMeter {
  private picks: Float64Array;
  private lastPicked: Float64Array;
  private readonly snapshot: StreamMixingSnapshot;

  constructor(readonly table: ReaderTable) {
    const n = Math.max(table.size, 4);
    this.picks = new Float64Array(n);
    this.lastPicked = new Float64Array(n).fill(Number.NaN);
    this.snapshot = new StreamMixingSnapshot(table);
  }

  /** Reader `reader` (its table index) was picked at `step`. */
  pick(reader: number, step: number): void {
    if (reader >= this.picks.length) this.grow(reader + 1);
    this.picks[reader]! += 1;
    this.lastPicked[reader] = step;
  }

  /** The step's snapshot, and a reset of the step's picks (the last-picked steps persist). */
  drain(step: number): StreamMixingSnapshot {
    const n = this.table.size;
    if (n > this.picks.length) this.grow(n);
    const s = this.snapshot;
    s.ensureCapacity(n);
    s.step = step;
    for (let i = 0; i < n; i++) {
      s.present[i] = 1;
      s.picks[i] = this.picks[i]!;
      s.lastPicked[i] = this.lastPicked[i]!;
      this.picks[i] = 0;
    }
    return s;
  }

  private grow(n: number): void {
    const size = Math.max(n, this.picks.length * 2);
    const picks = new Float64Array(size);
    picks.set(this.picks);
    const lastPicked = new Float64Array(size).fill(Number.NaN);
    lastPicked.set(this.lastPicked);
    this.picks = picks;
    this.lastPicked = lastPicked;
  }
}
