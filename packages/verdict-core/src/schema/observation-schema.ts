import { z } from 'zod';
import { dimensionMapSchema, recordedValueSchema } from './verdict-schema.js';

/** The default frozen numerical threshold ε_num. */
export const DEFAULT_EPS_NUM = 1e-9;

const replaySchema = z.union(
  [
    z.strictObject({ value: recordedValueSchema, fingerprint: dimensionMapSchema.optional() }),
    z.strictObject({ error: z.string().min(1), fingerprint: dimensionMapSchema.optional() }),
  ],
  { error: 'a replay is {"value": number|null|"NaN"|"Infinity"|"-Infinity"} or {"error": "…"}' },
);

/**
 * Everything one verdict is decided from, already collected: the two replays, the canonical run with
 * its provenance (or null), and the stored eps_prod with the image SHA it was measured against (or null).
 */
export const observationSchema = z.strictObject({
  cell: z.string().min(1),
  metric: z.string().min(1),
  eps_num: z.number().nonnegative().default(DEFAULT_EPS_NUM),
  replay_a: replaySchema,
  replay_b: replaySchema,
  canonical: z
    .strictObject({
      run_id: z.string().min(1),
      value: z.number(),
      provenance: dimensionMapSchema.default({}),
    })
    .nullable()
    .default(null),
  eps_prod: z
    .strictObject({
      value: z.number().nonnegative(),
      image_sha: z.string().min(1),
    })
    .nullable()
    .default(null),
});

export type ObservationInput = z.input<typeof observationSchema>;
export type Observation = z.output<typeof observationSchema>;
