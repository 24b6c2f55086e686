import { alignSteps } from './align-steps.js';
import { LEDGER_SPEC, type LedgerRankRecord, ledgerRecordMetrics } from './ledger.js';
import { MetricKeyRegistry } from './metric-key-registry.js';
import type { MetricsReduceEventSink } from './metrics-events.js';
import type { RankDump } from './rank-dump.js';
import { ReaderTable } from './reader-table.js';
import type { ReduceResult } from './reduce-result.js';
import type { NormalizedReductionSpec, ReductionSpec } from './reduction-spec.js';
import { normalizeSpec, StepAggregator } from './step-aggregator.js';
import { StepSnapshot } from './step-snapshot.js';
import { StreamMixingAggregator } from './stream-mixing-aggregator.js';
import type { StreamMixingRankRecord } from './stream-mixing-record.js';
import { StreamMixingSnapshot } from './stream-mixing-snapshot.js';

/** One reduced step of a multi-step reduction. */
export interface ReducedStepRecord extends ReduceResult {
  step: number;
}

export interface ReduceDumpsOptions {
  /** Sink for `metrics_non_finite_dropped` / `metrics_keys_omitted`, one per step that has them (default: none). */
  emit?: MetricsReduceEventSink;
}

/**
 * Reduce the dumps of all ranks (`dumps[r]` is rank r's), step by step in step order, by `spec`.
 * A step some ranks lack follows the spec's `missing` policy: `error` names the rank (file) and step;
 * `zero` counts every key of that rank as 0; `skip` leaves the rank out of that step. Pure (events go
 * to the injected sink).
 * @throws MissingStepError, MissingMetricError, MetricKeyError
 */
export function reduceMetricsDumps(
  dumps: readonly RankDump<Record<string, number>>[],
  spec: ReductionSpec | NormalizedReductionSpec,
  options: ReduceDumpsOptions = {},
): ReducedStepRecord[] {
  const normalized = normalizeSpec(spec);
  const registry = new MetricKeyRegistry();
  const labels = dumps.map((d) => d.file);
  const aggregator = new StepAggregator(normalized, registry, { emit: options.emit, rankLabels: labels });
  const snapshots = dumps.map(() => new StepSnapshot(registry));
  const out: ReducedStepRecord[] = [];
  for (const { step, records } of alignSteps(dumps, normalized.missing)) {
    const present: StepSnapshot[] = [];
    const presentLabels: string[] = [];
    records.forEach((record, rank) => {
      if (record === undefined && normalized.missing === 'skip') return;
      present.push(snapshots[rank]!.load(record ?? {}));
      presentLabels.push(labels[rank]!);
    });
    aggregator.rankLabels = presentLabels;
    out.push({ step, ...aggregator.aggregate(present, step).toResult() });
  }
  return out;
}

/** Reduce ledger dumps step by step (LEDGER_SPEC; a step some ranks lack is an error naming rank and step). */
export function reduceLedgerDumps(dumps: readonly RankDump<LedgerRankRecord>[], options: ReduceDumpsOptions = {}): ReducedStepRecord[] {
  const asMetrics = dumps.map((d) => ({ file: d.file, entries: d.entries.map((e) => ({ ...e, record: ledgerRecordMetrics(e.record) })) }));
  return reduceMetricsDumps(asMetrics, LEDGER_SPEC, options);
}

/**
 * Reduce stream-mixing dumps step by step (see StreamMixingAggregator for the definitions; a step
 * some ranks lack is an error naming rank and step). Omitted keys go to the injected sink.
 * @throws MissingStepError, StreamMixingInputError
 */
export function reduceStreamMixingDumps(dumps: readonly RankDump<StreamMixingRankRecord>[], options: ReduceDumpsOptions = {}): ReducedStepRecord[] {
  const table = new ReaderTable();
  const aggregator = new StreamMixingAggregator(table, { emit: options.emit });
  const snapshots = dumps.map(() => new StreamMixingSnapshot(table));
  return alignSteps(dumps, 'error').map(({ step, records }) => {
    const loaded = records.map((record, rank) => snapshots[rank]!.load(record!, rank));
    return { step, ...aggregator.aggregate(loaded).toResult() };
  });
}
