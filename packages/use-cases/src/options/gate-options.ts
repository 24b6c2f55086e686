import { z } from 'zod';
import { idSchema } from './id-rules.js';

/**
 * Every option of the s43 cohort gate of a run, for every front end (`repro transport gate`, a `gate`
 * job). Ids are checked by the transport (no `/`, no `..`). Complete means exactly the expected set.
 */
export const gateOptionsSchema = z.strictObject({
  run_id: idSchema('run_id'),
  /** Number of pods expected. */
  expected: z.number().int('must be an integer').nonnegative('must be ≥ 0').max(1_000_000, 'at most 1000000'),
  /** Pods that must be present (besides the count); duplicates dropped. */
  pods: z
    .array(idSchema('pod'))
    .max(100_000, 'at most 100000 pods')
    .transform((pods) => [...new Set(pods)])
    .optional(),
  /** Tolerate pods beyond the expected ones (still reported); without it they make the cohort incomplete. */
  allow_unexpected: z.boolean().default(false),
  /** Download every blob and check its stored checksum against its content (and decode it). */
  verify: z.boolean().default(false),
});

export type GateOptionsInput = z.input<typeof gateOptionsSchema>;
export type GateOptions = z.output<typeof gateOptionsSchema>;
