import { MissingStepError } from './missing-metric-error.js';
import type { RankDump } from './rank-dump.js';
import type { MissingPolicy } from './reduction-spec.js';

/** One step across ranks: `records[r]` is rank r's record, or undefined when rank r lacks the step. */
export interface AlignedStep<T> {
  step: number;
  records: (T | undefined)[];
}

/**
 * Every step present on any rank, in step order, with each rank's record. A step missing from a rank
 * follows `missing`: `error` throws MissingStepError naming the rank (and its file) and the step;
 * `zero` and `skip` leave the record undefined for the caller's policy. Pure.
 */
export function alignSteps<T>(dumps: readonly RankDump<T>[], missing: MissingPolicy): AlignedStep<T>[] {
  const steps = new Map<number, (T | undefined)[]>();
  dumps.forEach((dump, rank) => {
    for (const entry of dump.entries) {
      let records = steps.get(entry.step);
      if (records === undefined) {
        records = new Array<T | undefined>(dumps.length).fill(undefined);
        steps.set(entry.step, records);
      }
      records[rank] = entry.record;
    }
  });
  const aligned = [...steps.entries()].sort((a, b) => a[0] - b[0]).map(([step, records]) => ({ step, records }));
  if (missing === 'error') {
    for (const { step, records } of aligned) {
      const rank = records.indexOf(undefined);
      if (rank >= 0) throw new MissingStepError(rank, step, dumps[rank]!.file);
    }
  }
  return aligned;
}
