import { MetricKeyRegistry } from './metric-key-registry.js';
import type { ReduceResult } from './reduce-result.js';
import type { NormalizedReductionSpec, ReductionSpec } from './reduction-spec.js';
import { normalizeSpec, StepAggregator } from './step-aggregator.js';
import { type MetricRecord, StepSnapshot } from './step-snapshot.js';

export interface ReduceOptions {
  /** The step, named in errors and carried in events. */
  step?: number | null;
  /** Labels of the ranks (by input position) for error messages, e.g. their files. */
  rankLabels?: readonly string[];
}

const aggregators = new WeakMap<NormalizedReductionSpec, WeakMap<MetricKeyRegistry, StepAggregator>>();

function cachedAggregator(spec: NormalizedReductionSpec, registry: MetricKeyRegistry): StepAggregator {
  let byRegistry = aggregators.get(spec);
  if (byRegistry === undefined) {
    byRegistry = new WeakMap();
    aggregators.set(spec, byRegistry);
  }
  let aggregator = byRegistry.get(registry);
  if (aggregator === undefined) {
    aggregator = new StepAggregator(spec, registry);
    byRegistry.set(registry, aggregator);
  }
  return aggregator;
}

/**
 * The seed's `aggregate_step_metrics`: reduce one step's per-rank snapshots (from `StepMetrics.drain()`,
 * or plain records) into one record by `spec`. Pure: no I/O, no clock; see StepAggregator for the
 * semantics. Snapshots sharing one registry take the compiled, cached path; anything else is first
 * re-keyed into a fresh registry.
 * @throws ReductionSpecError, MissingMetricError, MetricKeyError
 */
export function aggregateStepMetrics(
  snapshots: readonly (StepSnapshot | MetricRecord)[],
  spec: ReductionSpec | NormalizedReductionSpec,
  options: ReduceOptions = {},
): ReduceResult {
  const normalized = normalizeSpec(spec);
  const first = snapshots[0];
  const shared = first instanceof StepSnapshot ? first.registry : undefined;
  const sameRegistry = shared !== undefined && snapshots.every((s) => s instanceof StepSnapshot && s.registry === shared);
  let aggregator: StepAggregator;
  let inputs: readonly StepSnapshot[];
  if (sameRegistry) {
    aggregator = cachedAggregator(normalized, shared);
    inputs = snapshots as readonly StepSnapshot[];
  } else {
    const registry = new MetricKeyRegistry();
    inputs = snapshots.map((s) => StepSnapshot.fromRecord(s instanceof StepSnapshot ? s.toRecord() : s, registry));
    aggregator = new StepAggregator(normalized, registry);
  }
  const previousLabels = aggregator.rankLabels;
  aggregator.rankLabels = options.rankLabels;
  try {
    return aggregator.aggregate(inputs, options.step ?? null).toResult();
  } finally {
    aggregator.rankLabels = previousLabels;
  }
}

/** Reduce plain per-rank records (`records[r]` is rank r's metrics) by `spec`. Pure. */
export function reduceRanks(records: readonly MetricRecord[], spec: ReductionSpec | NormalizedReductionSpec, options: ReduceOptions = {}): ReduceResult {
  return aggregateStepMetrics(records, spec, options);
}
