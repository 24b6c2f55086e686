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

export const storeEventSchema = z.discriminatedUnion('event', [
  migrationAppliedEventSchema,
  canonicalRecordedEventSchema,
  canonicalPromotedEventSchema,
  epsProdStoredEventSchema,
  verdictSavedEventSchema,
]);

export type StoreEvent = z.infer<typeof storeEventSchema>;
/** The store's event names. Every event is emitted after the write it reports has committed. */
export const STORE_EVENT_NAMES = ['store_migration_applied', 'canonical_recorded', 'canonical_promoted', 'eps_prod_stored', 'verdict_saved'] as const;
