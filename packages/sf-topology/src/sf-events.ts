import { z } from 'zod';

/**
 * Event catalogue of @repro/sf-topology. Libraries never print: they emit these to an injected sink.
 * The event types (SfEvent, SfEventSink, …) are written without zod in sf-event-types.ts.
 */
export const sfValidateOutcomeEventSchema = z.object({
  event: z.literal('sf_validate_outcome'),
  valid: z.boolean(),
  errors: z.number().int().nonnegative(),
  warnings: z.number().int().nonnegative(),
});

export const sfParallelizeOutcomeEventSchema = z.object({
  event: z.literal('sf_parallelize_outcome'),
  parallel_state: z.string(),
  branches: z.array(z.object({ name: z.string(), start_at: z.string(), states: z.number().int() })),
  successor: z.string().nullable(),
  rewired_inbound: z.number().int().nonnegative(),
  repointed_to_failed: z.number().int().nonnegative(),
  /** How many ParallelizeWarnings the result carries. */
  warnings: z.number().int().nonnegative(),
});

export const sfParallelizeRefusedEventSchema = z.object({
  event: z.literal('sf_parallelize_refused'),
  code: z.string(),
  message: z.string(),
});

export const sfEventSchema = z.discriminatedUnion('event', [sfValidateOutcomeEventSchema, sfParallelizeOutcomeEventSchema, sfParallelizeRefusedEventSchema]);
