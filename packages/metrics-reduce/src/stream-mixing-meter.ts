import type { ReaderTable } from './reader-table.js';
import { StreamMixingSnapshot } from './stream-mixing-snapshot.js';

/**
 * One rank's stream-mixing instrumentation (the seed's pick-site metrics and `drain_step_metrics`):
 * `pick(reader, step)` at each pick, `drain(step)` once per step. Every reader of the table counts as
 * present on this rank. After warm-up nothing allocates: `drain` returns the same snapshot object,
 * valid until the next `drain`.
 */
export class StreamMixingMeter {
  /** The step in progress: picks so far, and the last pick step of every reader (kept across steps). */
  private readonly current: StreamMixingSnapshot;
  private readonly snapshot: StreamMixingSnapshot;

  constructor(readonly table: ReaderTable) {
    this.current = new StreamMixingSnapshot(table);
    this.snapshot = new StreamMixingSnapshot(table);
  }

  /**
   * Reader `reader` (its table index) was picked at `step`.
   * @throws RangeError when `reader` is not an index of the table.
   */
  pick(reader: number, step: number): void {
    const current = this.current;
    if (!((reader | 0) === reader && reader >= 0 && reader < this.table.size)) throw new RangeError(`reader index ${reader} is not in the ReaderTable (${this.table.size} readers)`);
    // The table grew since the last drain (warm-up).
    if (reader >= current.picks.length) current.ensureCapacity(this.table.size);
    current.picks[reader]! += 1;
    current.lastPicked[reader] = step;
  }

  /** The step's snapshot, and a reset of the step's picks (the last-picked steps persist). */
  drain(step: number): StreamMixingSnapshot {
    const n = this.table.size;
    const current = this.current;
    const s = this.snapshot;
    current.ensureCapacity(n);
    s.ensureCapacity(n);
    s.step = step;
    const { picks, lastPicked } = current;
    for (let i = 0; i < n; i++) {
      s.present[i] = 1;
      s.picks[i] = picks[i]!;
      s.lastPicked[i] = lastPicked[i]!;
      picks[i] = 0;
    }
    return s;
  }
}
