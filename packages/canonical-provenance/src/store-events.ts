import { z } from 'zod';

const key = { cell: z.string(), metric: z.string() };

/** A migration was applied (emitted after its transaction committed). */
export const migrationAppliedEventSchema = z.object({
  event: z.literal('store_migration_applied'),
  schema: z.string(),
  version: z.number().int(),
  name: z.string(),
});

export const canonicalRecordedEventSchema = z.object({
  event: z.literal('canonical_recorded'),
  run_id: z.string(),
  ...key,
  /** false when the identical run was already recorded (idempotent re-record). */
  created: z.boolean(),
});

export const canonicalPromotedEventSchema = z.object({
  event: z.literal('canonical_promoted'),
  run_id: z.string(),
  ...key,
  demoted_run_id: z.string().nullable(),
});

export const epsProdStoredEventSchema = z.object({
  event: z.literal('eps_prod_stored'),
  image_sha: z.string(),
  ...key,
  status: z.enum(['measured', 'unmeasured']),
  eps_prod: z.number().nullable(),
  n: z.number().int(),
  replaced: z.boolean(),
});

export const verdictSavedEventSchema = z.object({
  event: z.literal('verdict_saved'),
  id: z.number().int(),
  ...key,
  verdict: z.string(),
});

/**
 * The embedded store's lock file was stale (its owner dead, the file unreadable, the pid reused by another
 * program, or not a Repro process) and was taken over. Emitted before the store opens.
 */
export const storeLockTakenOverEventSchema = z.object({
  event: z.literal('store_lock_taken_over'),
  severity: z.literal('warning'),
  file: z.string(),
  reason: z.enum(['owner_dead', 'unreadable', 'pid_reused', 'not_repro_process']),
  previous_pid: z.number().int().nullable(),
});

export const storeEventSchema = z.discriminatedUnion('event', [
  migrationAppliedEventSchema,
  canonicalRecordedEventSchema,
  canonicalPromotedEventSchema,
  epsProdStoredEventSchema,
  verdictSavedEventSchema,
  storeLockTakenOverEventSchema,
]);

export type StoreEvent = z.infer<typeof storeEventSchema>;
/** The store's event names. Every write event is emitted after the write it reports has committed. */
export const STORE_EVENT_NAMES = ['store_migration_applied', 'canonical_recorded', 'canonical_promoted', 'eps_prod_stored', 'verdict_saved', 'store_lock_taken_over'] as const;
