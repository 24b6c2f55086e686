import { z } from 'zod';

/** The transport's event catalogue (names from the s43 readiness seed). Libraries emit; apps render. */
export const predPersistFailedEventSchema = z.object({
  event: z.literal('s43_pred_persist_failed'),
  severity: z.literal('error'),
  run_id: z.string(),
  pod: z.string(),
  key: z.string().nullable(),
  reason: z.string(),
});

export const predLoadFailedEventSchema = z.object({
  event: z.literal('s43_pred_load_failed'),
  severity: z.literal('error'),
  run_id: z.string(),
  pod: z.string(),
  key: z.string(),
  reason: z.string(),
});

export const acquireOutcomeEventSchema = z.object({
  event: z.literal('s43_acquire_outcome'),
  severity: z.enum(['info', 'error']),
  run_id: z.string(),
  /** Pod blobs listed under the run prefix. */
  keys: z.number().int().nonnegative(),
  loaded: z.number().int().nonnegative(),
  failed: z.number().int().nonnegative(),
  /** Zip members skipped by design across the cohort (each also reported by s43_pred_member_skipped). */
  skipped_members: z.number().int().nonnegative(),
});

/** A member of a pod blob that is not an array (not `.npy`, or a folder entry): reported, never dropped silently. */
export const predMemberSkippedEventSchema = z.object({
  event: z.literal('s43_pred_member_skipped'),
  severity: z.literal('warning'),
  run_id: z.string(),
  pod: z.string(),
  key: z.string(),
  member: z.string(),
  reason: z.enum(['not_npy', 'directory']),
});

export const gatePersistFailedEventSchema = z.object({
  event: z.literal('s43_gate_persist_failed'),
  severity: z.literal('error'),
  run_id: z.string(),
  key: z.string(),
  cohort_count: z.number().int().nonnegative(),
  expected: z.number().int().nonnegative(),
  reason: z.string(),
});

export const gateOutcomeEventSchema = z.object({
  event: z.literal('s43_gate_outcome'),
  severity: z.enum(['info', 'warning']),
  run_id: z.string(),
  cohort_count: z.number().int().nonnegative(),
  expected: z.number().int().nonnegative(),
  complete: z.boolean(),
  missing_pods: z.array(z.string()).nullable(),
  unexpected_pods: z.array(z.string()).nullable(),
  verified: z.boolean(),
  /** Pods whose blob failed verification (null when not verified). */
  corrupt_pods: z.array(z.string()).nullable(),
});

export const s43EventSchema = z.discriminatedUnion('event', [predPersistFailedEventSchema, predLoadFailedEventSchema, predMemberSkippedEventSchema, acquireOutcomeEventSchema, gatePersistFailedEventSchema, gateOutcomeEventSchema]);
export type PredPersistFailedEvent = z.infer<typeof predPersistFailedEventSchema>;
export type PredLoadFailedEvent = z.infer<typeof predLoadFailedEventSchema>;
export type AcquireOutcomeEvent = z.infer<typeof acquireOutcomeEventSchema>;
export type PredMemberSkippedEvent = z.infer<typeof predMemberSkippedEventSchema>;
export type GatePersistFailedEvent = z.infer<typeof gatePersistFailedEventSchema>;
export type GateOutcomeEvent = z.infer<typeof gateOutcomeEventSchema>;
export type S43Event = z.infer<typeof s43EventSchema>;
export type S43EventSink = (event: S43Event) => void;
