// Type tests of the signatures users depend on (checked by `vitest --typecheck`): a change here is an API change.
import { describe, expectTypeOf, test } from 'vitest';
import type { z } from 'zod';
import {
  type AlignedStep,
  aggregateStepMetrics,
  alignSteps,
  type DeriveRatioRule,
  decodeMetricValue,
  encodeMetricValue,
  isDeriveRule,
  type KeyRule,
  type KeysOmittedEvent,
  type LedgerRankRecord,
  type MetricKeyError,
  MetricKeyRegistry,
  type MetricRecord,
  type MetricsInputError,
  type MetricsReduceEvent,
  type MetricsReduceEventSink,
  type MissingMetricError,
  type MissingPolicy,
  type MissingStepError,
  metricsReduceEventSchema,
  type NonFiniteDroppedEvent,
  type NormalizedReductionSpec,
  type OmitReason,
  type omitReasonSchema,
  parseLedgerDump,
  parseMetricsDump,
  parseReductionSpec,
  type RankDump,
  type ReducedStep,
  type ReducedStepRecord,
  type ReduceResult,
  type ReduceRule,
  type ReductionSpec,
  type ReductionSpecError,
  reduceLedger,
  reduceMetricsDumps,
  reduceRanks,
  StepAggregator,
  StepMetrics,
  type StepSnapshot,
  type StreamMixingInputError,
  type StreamMixingRankRecord,
  type StreamMixingReader,
} from './index.js';

describe('metrics-reduce public signatures', () => {
  test('aggregateStepMetrics and reduceRanks reduce one step of per-rank metrics by a spec into plain data', () => {
    expectTypeOf(aggregateStepMetrics).parameter(0).toEqualTypeOf<readonly (StepSnapshot | MetricRecord)[]>();
    expectTypeOf(aggregateStepMetrics).parameter(1).toEqualTypeOf<ReductionSpec | NormalizedReductionSpec>();
    expectTypeOf(aggregateStepMetrics).returns.toEqualTypeOf<ReduceResult>();
    expectTypeOf(reduceRanks).parameter(0).toEqualTypeOf<readonly MetricRecord[]>();
    expectTypeOf(reduceRanks).returns.toEqualTypeOf<ReduceResult>();
    expectTypeOf<ReduceResult['metrics']>().toEqualTypeOf<Record<string, number>>();
    expectTypeOf<ReduceResult['keys']>().toEqualTypeOf<readonly string[]>();
    expectTypeOf<ReduceResult['omitted'][number]>().toEqualTypeOf<{ key: string; reason: OmitReason }>();
  });

  test('parseReductionSpec takes unknown JSON (and its file name) and fills in both policies', () => {
    expectTypeOf(parseReductionSpec).parameters.toEqualTypeOf<[input: unknown, source?: string]>();
    expectTypeOf(parseReductionSpec).returns.toEqualTypeOf<NormalizedReductionSpec>();
    expectTypeOf<ReductionSpec['missing']>().toEqualTypeOf<MissingPolicy | undefined>();
    expectTypeOf<NormalizedReductionSpec['missing']>().toEqualTypeOf<MissingPolicy>();
    expectTypeOf<MissingPolicy>().toEqualTypeOf<'error' | 'zero' | 'skip'>();
    expectTypeOf<NormalizedReductionSpec['non_finite']>().toEqualTypeOf<'propagate' | 'drop'>();
  });

  test('a key rule is a reduce rule or a derived ratio, and isDeriveRule tells them apart', () => {
    expectTypeOf<KeyRule>().toEqualTypeOf<ReduceRule | DeriveRatioRule>();
    expectTypeOf<ReduceRule['op']>().toEqualTypeOf<'mean' | 'sum' | 'max' | 'min' | 'weighted_mean' | undefined>();
    expectTypeOf(isDeriveRule).guards.toEqualTypeOf<DeriveRatioRule>();
    const rule = {} as KeyRule;
    if (isDeriveRule(rule)) expectTypeOf(rule).toEqualTypeOf<DeriveRatioRule>();
    else expectTypeOf(rule).toEqualTypeOf<ReduceRule>();
  });

  test('the hot path: StepMetrics drains a StepSnapshot; StepAggregator reduces snapshots into a reused ReducedStep', () => {
    expectTypeOf(StepMetrics).toBeConstructibleWith();
    expectTypeOf(StepMetrics).toBeConstructibleWith(new MetricKeyRegistry());
    expectTypeOf<StepMetrics['drain']>().returns.toEqualTypeOf<StepSnapshot>();
    expectTypeOf<StepMetrics['increment']>().parameters.toEqualTypeOf<[key: string, n?: number]>();
    expectTypeOf(StepAggregator).constructorParameters.toEqualTypeOf<
      [spec: ReductionSpec | NormalizedReductionSpec, registry: MetricKeyRegistry, options?: { emit?: MetricsReduceEventSink; rankLabels?: readonly string[] }]
    >();
    expectTypeOf<StepAggregator['aggregate']>().parameters.toEqualTypeOf<[snapshots: readonly StepSnapshot[], step?: number | null]>();
    expectTypeOf<StepAggregator['aggregate']>().returns.toEqualTypeOf<ReducedStep>();
    expectTypeOf<ReducedStep['toResult']>().returns.toEqualTypeOf<ReduceResult>();
  });

  test('the ledger and stream-mixing records are what their zod schemas parse', () => {
    expectTypeOf<z.output<typeof LedgerRankRecord>>().toEqualTypeOf<LedgerRankRecord>();
    expectTypeOf<LedgerRankRecord>().toEqualTypeOf<{ step: number; evictions: number; false_evictions: number; fresh_writes: number; size: number }>();
    expectTypeOf<z.output<typeof StreamMixingReader>>().toEqualTypeOf<StreamMixingReader>();
    expectTypeOf<StreamMixingReader>().toEqualTypeOf<{ name: string; modality: string; target_weight: number; picks: number; last_picked_step: number | null }>();
    expectTypeOf<StreamMixingRankRecord>().toEqualTypeOf<{ step: number; readers: StreamMixingReader[] }>();
    expectTypeOf(reduceLedger).parameter(0).toEqualTypeOf<readonly LedgerRankRecord[]>();
    expectTypeOf<z.output<typeof omitReasonSchema>>().toEqualTypeOf<OmitReason>();
    expectTypeOf<OmitReason>().toEqualTypeOf<'zero_denominator' | 'zero_weight' | 'all_dropped' | 'missing_operand' | 'no_readers'>();
  });

  test('rank dumps: parse (text, file) → align by step → reduce, generic over the record', () => {
    expectTypeOf(parseMetricsDump).parameters.toEqualTypeOf<[text: string, file: string]>();
    expectTypeOf(parseMetricsDump).returns.toEqualTypeOf<RankDump<Record<string, number>>>();
    expectTypeOf(parseLedgerDump).returns.toEqualTypeOf<RankDump<LedgerRankRecord>>();
    expectTypeOf(alignSteps<LedgerRankRecord>).returns.toEqualTypeOf<AlignedStep<LedgerRankRecord>[]>();
    expectTypeOf<AlignedStep<LedgerRankRecord>['records']>().toEqualTypeOf<(LedgerRankRecord | undefined)[]>();
    expectTypeOf(reduceMetricsDumps).returns.toEqualTypeOf<ReducedStepRecord[]>();
    expectTypeOf<ReducedStepRecord>().toExtend<ReduceResult & { step: number }>();
  });

  test('JSON metric values: non-finite numbers travel as the strings NaN, Infinity, -Infinity', () => {
    expectTypeOf(encodeMetricValue).returns.toEqualTypeOf<number | 'NaN' | 'Infinity' | '-Infinity'>();
    expectTypeOf(decodeMetricValue).parameters.toEqualTypeOf<[raw: unknown]>();
    expectTypeOf(decodeMetricValue).returns.toEqualTypeOf<number | undefined>();
  });

  test('events: one union discriminated on `event`, which the schema parses', () => {
    expectTypeOf(metricsReduceEventSchema.parse).returns.toEqualTypeOf<MetricsReduceEvent>();
    expectTypeOf<MetricsReduceEvent>().toEqualTypeOf<NonFiniteDroppedEvent | KeysOmittedEvent>();
    expectTypeOf<MetricsReduceEvent['event']>().toEqualTypeOf<'metrics_non_finite_dropped' | 'metrics_keys_omitted'>();
    const event = {} as MetricsReduceEvent;
    if (event.event === 'metrics_keys_omitted') {
      expectTypeOf(event).toEqualTypeOf<KeysOmittedEvent>();
      expectTypeOf(event.severity).toEqualTypeOf<'info'>();
    } else {
      expectTypeOf(event).toEqualTypeOf<NonFiniteDroppedEvent>();
      expectTypeOf(event.severity).toEqualTypeOf<'warning'>();
    }
    expectTypeOf<MetricsReduceEventSink>().toEqualTypeOf<(event: MetricsReduceEvent) => void>();
  });

  test('errors are Errors that name what and where', () => {
    expectTypeOf<ReductionSpecError>().toExtend<Error>();
    expectTypeOf<ReductionSpecError['path']>().toEqualTypeOf<string>();
    expectTypeOf<ReductionSpecError['source']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<MissingMetricError>().toExtend<Error>();
    expectTypeOf<Pick<MissingMetricError, 'rank' | 'key' | 'step'>>().toEqualTypeOf<{ readonly rank: number; readonly key: string; readonly step: number | null }>();
    expectTypeOf<Pick<MissingStepError, 'rank' | 'step'>>().toEqualTypeOf<{ readonly rank: number; readonly step: number }>();
    expectTypeOf<Pick<MetricsInputError, 'file' | 'line' | 'reason'>>().toEqualTypeOf<{ readonly file: string; readonly line: number; readonly reason: string }>();
    expectTypeOf<MetricKeyError['key']>().toEqualTypeOf<string>();
    expectTypeOf<Pick<StreamMixingInputError, 'reader' | 'rank'>>().toEqualTypeOf<{ readonly reader: string | null; readonly rank: number | null }>();
  });
});
