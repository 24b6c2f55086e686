// Public surface of @repro/metrics-reduce: re-exports only.
export { aggregateStepMetrics, type ReduceOptions, reduceRanks } from './aggregate-step-metrics.js';
export { type AlignedStep, alignSteps } from './align-steps.js';
export { EvictionLedger } from './eviction-ledger.js';
export { ExactSum } from './exact-sum.js';
export { comparePatternSpecificity, KeyRuleMatcher, matchesKeyPattern } from './key-rule-matcher.js';
export { LEDGER_SPEC, LedgerRankRecord, ledgerRecordMetrics, reduceLedger } from './ledger.js';
export { MetricKeyError } from './metric-key-error.js';
export { MetricKeyRegistry } from './metric-key-registry.js';
export { decodeMetricValue, encodeMetricValue, type JsonMetricValue, metricValueJson } from './metric-value.js';
export {
  type KeysOmittedEvent,
  keysOmittedEventSchema,
  type MetricsReduceEvent,
  type MetricsReduceEventSink,
  metricsReduceEventSchema,
  type NonFiniteDroppedEvent,
  nonFiniteDroppedEventSchema,
  type OmitReason,
  omitReasonSchema,
} from './metrics-events.js';
export { MetricsInputError } from './metrics-input-error.js';
export { MissingMetricError, MissingStepError } from './missing-metric-error.js';
export { formatPrometheus, prometheusMetricName } from './prometheus-exposition.js';
export { parseLedgerDump, parseMetricsDump, parseStreamMixingDump, type RankDump } from './rank-dump.js';
export { ReaderTable } from './reader-table.js';
export { type ReduceDumpsOptions, type ReducedStepRecord, reduceLedgerDumps, reduceMetricsDumps, reduceStreamMixingDumps } from './reduce-rank-dumps.js';
export type { OmittedKey, ReduceResult } from './reduce-result.js';
export { reduceStreamMixing } from './reduce-stream-mixing.js';
export { ReducedStep } from './reduced-step.js';
export {
  type DeriveRatioRule,
  isDeriveRule,
  type KeyRule,
  type MissingPolicy,
  type NonFinitePolicy,
  type NormalizedReductionSpec,
  parseReductionSpec,
  type ReduceOp,
  type ReduceRule,
  type ReductionSpec,
} from './reduction-spec.js';
export { ReductionSpecError } from './reduction-spec-error.js';
export { StepAggregator, type StepAggregatorOptions } from './step-aggregator.js';
export { formatStepJsonLine } from './step-json-line.js';
export { StepMetrics } from './step-metrics.js';
export { type MetricRecord, StepSnapshot } from './step-snapshot.js';
export { StreamMixingAggregator, type StreamMixingAggregatorOptions } from './stream-mixing-aggregator.js';
export { StreamMixingInputError } from './stream-mixing-input-error.js';
export { StreamMixingMeter } from './stream-mixing-meter.js';
export { STREAM_MIXING_KEYS, StreamMixingRankRecord, StreamMixingReader } from './stream-mixing-record.js';
export { StreamMixingSnapshot } from './stream-mixing-snapshot.js';
