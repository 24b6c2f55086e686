import { growTypedArray } from './grow-typed-array.js';
import type { ReaderTable } from './reader-table.js';
import { StreamMixingInputError } from './stream-mixing-input-error.js';
import type { StreamMixingRankRecord } from './stream-mixing-record.js';

/**
 * One rank's stream-mixing state at one step, indexed by the ReaderTable: picks in the step, the last
 * step each reader was picked (NaN = never), and which readers this rank has. The arrays grow with the
 * table (only while new readers appear).
 */
export class StreamMixingSnapshot {
  step = 0;
  picks: Float64Array;
  lastPicked: Float64Array;
  present: Uint8Array;

  constructor(readonly table: ReaderTable) {
    const n = Math.max(table.size, 4);
    this.picks = new Float64Array(n);
    this.lastPicked = new Float64Array(n).fill(Number.NaN);
    this.present = new Uint8Array(n);
  }

  /** Make room for `length` readers. */
  ensureCapacity(length: number): void {
    this.picks = growTypedArray(this.picks, length);
    this.lastPicked = growTypedArray(this.lastPicked, length, Number.NaN);
    this.present = growTypedArray(this.present, length);
  }

  /**
   * Load a plain record, adding its readers to the table.
   * @throws StreamMixingInputError for a reader listed twice, or one that disagrees with the table.
   */
  load(record: StreamMixingRankRecord, rank: number | null = null): this {
    this.step = record.step;
    this.present.fill(0);
    for (const reader of record.readers) {
      const i = this.table.add(reader.name, reader.modality, reader.target_weight, rank);
      this.ensureCapacity(i + 1);
      if (this.present[i] === 1) throw new StreamMixingInputError(`reader "${reader.name}" is listed twice${rank !== null ? ` on rank ${rank}` : ''}`, reader.name, rank);
      this.present[i] = 1;
      this.picks[i] = reader.picks;
      this.lastPicked[i] = reader.last_picked_step ?? Number.NaN;
    }
    return this;
  }
}
