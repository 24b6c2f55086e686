import { ReaderTable } from './reader-table.js';
import type { ReduceResult } from './reduce-result.js';
import { StreamMixingAggregator } from './stream-mixing-aggregator.js';
import { StreamMixingInputError } from './stream-mixing-input-error.js';
import type { StreamMixingRankRecord } from './stream-mixing-record.js';
import { StreamMixingSnapshot } from './stream-mixing-snapshot.js';

/**
 * Reduce one step's stream-mixing records (`records[r]` is rank r's) into the family's metrics; see
 * StreamMixingAggregator for the exact definitions. Reader sets are the union over ranks. Pure.
 * @throws StreamMixingInputError when ranks disagree on the step, or on a reader's modality or target
 *   weight, or a rank lists a reader twice.
 */
export function reduceStreamMixing(records: readonly StreamMixingRankRecord[]): ReduceResult & { step: number } {
  const table = new ReaderTable();
  const step = records[0]?.step ?? 0;
  const snapshots = records.map((record, rank) => {
    if (record.step !== step) throw new StreamMixingInputError(`rank ${rank} is at step ${record.step} but rank 0 is at step ${step}`, null, rank);
    return new StreamMixingSnapshot(table).load(record, rank);
  });
  return { step, ...new StreamMixingAggregator(table).aggregate(snapshots).toResult() };
}
