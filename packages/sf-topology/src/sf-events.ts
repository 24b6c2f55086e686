import { z } from 'zod';

/** Event catalogue of @repro/sf-topology. Libraries never print: they emit these to an injected sink. */
export const SfValidateOutcomeSchema = z.object({
  event: z.literal('sf_validate_outcome'),
  valid: z.boolean(),
  errors: z.number().int().nonnegative(),
  warnings: z.number().int().nonnegative(),
});

export const SfParallelizeOutcomeSchema = z.object({
  event: z.literal('sf_parallelize_outcome'),
  parallel_state: z.string(),
  branches: z.array(z.object({ name: z.string(), start_at: z.string(), states: z.number().int() })),
  successor: z.string().nullable(),
  rewired_inbound: z.number().int().nonnegative(),
  repointed_to_failed: z.number().int().nonnegative(),
  /** How many ParallelizeWarnings the result carries. */
  warnings: z.number().int().nonnegative(),
});

export const SfParallelizeRefusedSchema = z.object({
  event: z.literal('sf_parallelize_refused'),
  code: z.string(),
  message: z.string(),
});

export const SfEventSchema = z.discriminatedUnion('event', [SfValidateOutcomeSchema, SfParallelizeOutcomeSchema, SfParallelizeRefusedSchema]);
export type SfEvent = z.infer<typeof SfEventSchema>;
export type SfEventSink = (event: SfEvent) => void;
