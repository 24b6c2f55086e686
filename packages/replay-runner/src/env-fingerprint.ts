import { z } from 'zod';

/** A JSON object (e.g. `lib_versions`). */
export const JsonObjectSchema = z.record(z.string(), z.json());
export type JsonObject = z.infer<typeof JsonObjectSchema>;

/** The value of one P0 parity dimension: a string, a JSON object, or null (missing). */
export const DimensionValueSchema = z.union([z.string(), JsonObjectSchema, z.null()]);
export type DimensionValue = z.infer<typeof DimensionValueSchema>;

/** The P0 dimensions every replay should report (verdict-core's default parity dimensions). */
export const REQUIRED_P0_DIMENSIONS: readonly string[] = Object.freeze(['build_sha', 'instance_type', 'os', 'lib_versions']);

/** Recorded only when the child passes them; compared by P0 when either side has them. */
export const OPTIONAL_P0_DIMENSIONS: readonly string[] = Object.freeze(['feature_versions', 'artifact_versions']);

/**
 * The environment fingerprint a child captured about itself. The P0 dimensions are validated; every
 * other field (python, libc, threadpools, hash_randomization, …) is kept as audit data.
 * A dimension the child did not report is missing (→ parity `unverifiable`), never invented.
 */
export const EnvFingerprintSchema = z.looseObject({
  build_sha: z.string().nullable().optional().describe('P0: BUILD_SHA, else git HEAD of the working directory'),
  instance_type: z.string().nullable().optional().describe('P0: INSTANCE_TYPE, else "<CPU model> x<logical cores>"'),
  os: DimensionValueSchema.optional().describe('P0: "<system> <release> <machine>"'),
  lib_versions: DimensionValueSchema.optional().describe('P0: runtime and numeric library versions'),
  feature_versions: DimensionValueSchema.optional().describe('P0 when recorded: feature set versions'),
  artifact_versions: DimensionValueSchema.optional().describe('P0 when recorded: input artefact versions'),
  /** Every spawn-time knob as the child observed it at interpreter start (null: unset). */
  observed_knobs: z
    .record(z.string(), z.string().nullable())
    .optional()
    .describe('Each spawn-time knob as the child saw it at start (null: unset); must equal the requested values'),
});
export type EnvFingerprint = z.infer<typeof EnvFingerprintSchema>;

/**
 * The fingerprint as a P0 dimension map (dimension → value | null), the shape verdict-core's
 * `probeParity` compares: each required dimension (null when missing) plus `feature_versions` /
 * `artifact_versions` when the fingerprint records them. Pure.
 */
export function fingerprintDimensions(
  fingerprint: EnvFingerprint | null | undefined,
  required: readonly string[] = REQUIRED_P0_DIMENSIONS,
): Record<string, DimensionValue> {
  const dims: Record<string, DimensionValue> = {};
  const source = (fingerprint ?? {}) as Record<string, unknown>;
  for (const name of required) dims[name] = asDimensionValue(source[name]);
  for (const name of OPTIONAL_P0_DIMENSIONS) {
    if (name in dims) continue;
    const value = asDimensionValue(source[name]);
    if (value !== null) dims[name] = value;
  }
  return dims;
}

function asDimensionValue(value: unknown): DimensionValue {
  const parsed = DimensionValueSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}
