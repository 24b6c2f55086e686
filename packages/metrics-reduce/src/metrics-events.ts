import { z } from 'zod';

/** Why a key was left out of a reduced step. */
export const omitReasonSchema = z.enum([
  /** A derived ratio whose reduced denominator is 0. */
  'zero_denominator',
  /** A weighted mean whose weights sum to 0. */
  'zero_weight',
  /** `non_finite: "drop"` dropped every rank's value. */
  'all_dropped',
  /**
   * `missing: "skip"`: an operand of a derived ratio is on no rank (or was itself left out), or no rank
   * that has a weighted-mean key also has its weight.
   */
  'missing_operand',
  /** A family metric over an empty set (e.g. `stream_mixing/max_staleness` with no readers). */
  'no_readers',
]);
export type OmitReason = z.infer<typeof omitReasonSchema>;

/** Emitted by StepAggregator when `non_finite: "drop"` ignored values in a step. */
export const nonFiniteDroppedEventSchema = z.object({
  event: z.literal('metrics_non_finite_dropped'),
  severity: z.literal('warning'),
  step: z.number().int().nullable(),
  /** Rank values dropped in the step, all keys together. */
  dropped: z.number().int().positive(),
  /** Rank values dropped per key. */
  keys: z.record(z.string(), z.number().int().positive()),
});

/** Emitted by StepAggregator and StreamMixingAggregator when a step left keys out (see OmitReason). */
export const keysOmittedEventSchema = z.object({
  event: z.literal('metrics_keys_omitted'),
  severity: z.literal('info'),
  step: z.number().int().nullable(),
  omitted: z.array(z.object({ key: z.string(), reason: omitReasonSchema })),
});

/** The event catalogue of @repro/metrics-reduce. Libraries emit; apps render. */
export const metricsReduceEventSchema = z.discriminatedUnion('event', [nonFiniteDroppedEventSchema, keysOmittedEventSchema]);
export type NonFiniteDroppedEvent = z.infer<typeof nonFiniteDroppedEventSchema>;
export type KeysOmittedEvent = z.infer<typeof keysOmittedEventSchema>;
export type MetricsReduceEvent = z.infer<typeof metricsReduceEventSchema>;
export type MetricsReduceEventSink = (event: MetricsReduceEvent) => void;
