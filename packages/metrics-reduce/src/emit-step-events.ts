import type { MetricsReduceEventSink } from './metrics-events.js';
import type { ReducedStep } from './reduced-step.js';

/**
 * Emit what a reduced step left out or dropped: `metrics_non_finite_dropped` when `non_finite: "drop"`
 * ignored rank values, `metrics_keys_omitted` when keys were left out. Nothing (and no allocation)
 * for a clean step.
 */
export function emitStepEvents(out: ReducedStep, emit: MetricsReduceEventSink | undefined): void {
  if (emit === undefined || (out.droppedTotal === 0 && out.omittedCount === 0)) return;
  const result = out.toResult();
  if (result.dropped.total > 0) {
    emit({ event: 'metrics_non_finite_dropped', severity: 'warning', step: out.step, dropped: result.dropped.total, keys: result.dropped.byKey });
  }
  if (result.omitted.length > 0) {
    emit({ event: 'metrics_keys_omitted', severity: 'info', step: out.step, omitted: [...result.omitted] });
  }
}
