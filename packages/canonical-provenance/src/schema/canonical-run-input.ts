import { z } from 'zod';
import { P0_DIMENSIONS } from '../p0-dimensions.js';
import { refuseNul } from './storable-text.js';

const nonEmpty = (what: string) => z.string({ error: `${what} must be a non-empty string` }).min(1, `${what} must be a non-empty string`);
const textDimension = z.string({ error: 'must be a non-empty string or null' }).min(1, 'must be a non-empty string or null').nullable().optional();
const jsonDimension = z
  .union([z.string().min(1), z.record(z.string(), z.json()), z.array(z.json())], { error: 'must be a JSON object, an array, a non-empty string, or null' })
  .nullable()
  .optional();

/** The P0 vector as written: each dimension optional; null or absent = not recorded. Unknown keys are refused (typos). */
export const provenanceInputSchema = z.strictObject(
  {
    build_sha: textDimension,
    instance_type: textDimension,
    feature_versions: jsonDimension,
    artifact_versions: jsonDimension,
    os: textDimension,
    lib_versions: jsonDimension,
  },
  { error: (issue) => (issue.code === 'unrecognized_keys' ? `not a P0 dimension (${P0_DIMENSIONS.join(', ')}); put other data under extra` : 'must be an object of P0 dimensions') },
);

export const canonicalRunInputSchema = z
  .strictObject({
  run_id: nonEmpty('run_id'),
  cell: nonEmpty('cell'),
  metric: nonEmpty('metric'),
  value: z.number({ error: 'must be a finite number' }).refine(Number.isFinite, 'must be a finite number'),
  /** ISO-8601 with offset; default: the database's now(). */
  recorded_at: z.iso.datetime({ offset: true, error: 'must be an ISO-8601 date-time with offset, e.g. 2026-11-23T10:00:00Z' }).optional(),
  provenance: provenanceInputSchema.default({}),
  /** Free JSON metadata kept with the run (never compared by P0). */
  extra: z.record(z.string(), z.json(), { error: 'must be a JSON object' }).default({}),
  })
  .superRefine(refuseNul);

export type ProvenanceInput = z.input<typeof provenanceInputSchema>;
export type CanonicalRunInput = z.input<typeof canonicalRunInputSchema>;
export type CanonicalRun = z.output<typeof canonicalRunInputSchema>;
