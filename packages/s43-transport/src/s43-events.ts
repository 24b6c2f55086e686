import { z } from 'zod';

/** The transport's event catalogue (names from the s43 readiness seed). Libraries emit; apps render. */
export const PredPersistFailedEvent = z.object({
  event: z.literal('s43_pred_persist_failed'),
  severity: z.literal('error'),
  run_id: z.string(),
  pod: z.string(),
  key: z.string().nullable(),
  reason: z.string(),
});

export const PredLoadFailedEvent = z.object({
  event: z.literal('s43_pred_load_failed'),
  severity: z.literal('error'),
  run_id: z.string(),
  pod: z.string(),
  key: z.string(),
  reason: z.string(),
});

export const AcquireOutcomeEvent = z.object({
  event: z.literal('s43_acquire_outcome'),
  severity: z.enum(['info', 'error']),
  run_id: z.string(),
  /** Pod blobs listed under the run prefix. */
  keys: z.number().int().nonnegative(),
  loaded: z.number().int().nonnegative(),
  failed: z.number().int().nonnegative(),
});

export const GatePersistFailedEvent = z.object({
  event: z.literal('s43_gate_persist_failed'),
  severity: z.literal('error'),
  run_id: z.string(),
  key: z.string(),
  cohort_count: z.number().int().nonnegative(),
  expected: z.number().int().nonnegative(),
  reason: z.string(),
});

export const GateOutcomeEvent = z.object({
  event: z.literal('s43_gate_outcome'),
  severity: z.enum(['info', 'warning']),
  run_id: z.string(),
  cohort_count: z.number().int().nonnegative(),
  expected: z.number().int().nonnegative(),
  complete: z.boolean(),
  missing_pods: z.array(z.string()).nullable(),
});

export const S43Event = z.discriminatedUnion('event', [PredPersistFailedEvent, PredLoadFailedEvent, AcquireOutcomeEvent, GatePersistFailedEvent, GateOutcomeEvent]);
export type S43Event = z.infer<typeof S43Event>;
export type S43EventSink = (event: S43Event) => void;
