import { DEFAULT_PARITY_DIMS, dimensionMapSchema, OPTIONAL_PARITY_DIMS } from '@repro/verdict-core';
import { z } from 'zod';

/** A P0 dimension value as verdict-core compares it: string, JSON object or array, or null (missing). */
const dimensionValue = dimensionMapSchema.valueType;

/**
 * The environment fingerprint a child captured about itself. The P0 dimensions are validated; every
 * other field (runtime, libc, threadpools, hash_randomization, …) is kept as audit data.
 * A dimension the child did not report is missing (→ parity `unverifiable`), never invented.
 */
export const EnvFingerprintSchema = z.looseObject({
  build_sha: z.string().nullable().optional().describe('P0: BUILD_SHA, else git HEAD of the working directory'),
  instance_type: z.string().nullable().optional().describe('P0: INSTANCE_TYPE, else "<CPU model> x<logical cores>"'),
  os: dimensionValue.optional().describe('P0: "<system> <release> <machine>"'),
  lib_versions: dimensionValue.optional().describe('P0: runtime and numeric library versions'),
  feature_versions: dimensionValue.optional().describe('P0 when recorded: feature set versions'),
  artifact_versions: dimensionValue.optional().describe('P0 when recorded: input artefact versions'),
  observed_knobs: z
    .record(z.string(), z.string().nullable())
    .optional()
    .describe('Each spawn-time knob as the child saw it at start (null: unset); must equal the requested values'),
  knobs_at_result: z
    .record(z.string(), z.string().nullable())
    .optional()
    .describe('Each spawn-time knob in the child environment when it wrote the result; a requested knob the script changed is a pin_mismatch'),
  threadpools: z
    .unknown()
    .optional()
    .describe('The thread pools (OpenBLAS, MKL, BLIS, OpenMP) the child runs, with num_threads; compared with the pinned caps'),
  cpus_visible: z.unknown().optional().describe('CPUs the child may run on (affinity mask); a pool capped below its pin by it is not a mismatch'),
  build_sha_source: z
    .string()
    .nullable()
    .optional()
    .describe('Where build_sha came from: explicit, env, script_checkout, cwd_checkout, child_cwd_checkout'),
});
export type EnvFingerprint = z.infer<typeof EnvFingerprintSchema>;

/** Dimension → value | null: verdict-core's `dimensionMapSchema` (a `DimensionMap` for `probeParity`). */
export type FingerprintDimensions = z.infer<typeof dimensionMapSchema>;

/**
 * The fingerprint as verdict-core's dimension map (the replay side of `probeParity`, `fingerprint` of an
 * observation's replay): each required
 * dimension (default verdict-core's DEFAULT_PARITY_DIMS; null when missing or not a dimension value)
 * plus `feature_versions` / `artifact_versions` when the fingerprint records them. Pure.
 */
export function fingerprintDimensions(
  fingerprint: EnvFingerprint | null | undefined,
  required: readonly string[] = DEFAULT_PARITY_DIMS,
): FingerprintDimensions {
  const dims: FingerprintDimensions = {};
  const source: Record<string, unknown> = fingerprint ?? {};
  for (const name of required) dims[name] = asDimensionValue(source[name]);
  for (const name of OPTIONAL_PARITY_DIMS) {
    if (name in dims) continue;
    const value = asDimensionValue(source[name]);
    if (value !== null) dims[name] = value;
  }
  return dims;
}

function asDimensionValue(value: unknown): z.infer<typeof dimensionValue> {
  const parsed = dimensionValue.safeParse(value);
  return parsed.success ? parsed.data : null;
}
