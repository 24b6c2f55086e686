/**
 * The P0 provenance vector (architecture seed §4bis): what a canonical run must persist for replay/canonical
 * env parity to be evaluable. Text dimensions hold one string; JSON dimensions hold a version map or list.
 */
export const P0_TEXT_DIMENSIONS = ['build_sha', 'instance_type', 'os'] as const;
export const P0_JSON_DIMENSIONS = ['feature_versions', 'artifact_versions', 'lib_versions'] as const;
/** Every P0 dimension, in the order reports list them. */
export const P0_DIMENSIONS = ['build_sha', 'instance_type', 'feature_versions', 'artifact_versions', 'os', 'lib_versions'] as const;

export type P0TextDimension = (typeof P0_TEXT_DIMENSIONS)[number];
export type P0JsonDimension = (typeof P0_JSON_DIMENSIONS)[number];
export type P0Dimension = (typeof P0_DIMENSIONS)[number];

/** A JSON dimension's value: a version map, a list, or a single version string. */
export type JsonDimensionValue = string | Readonly<Record<string, unknown>> | readonly unknown[];

/**
 * A canonical run's provenance as read back: every P0 dimension is present as a key, `null` where the
 * store does not hold it (never invented).
 */
export type Provenance = { readonly [D in P0TextDimension]: string | null } & { readonly [D in P0JsonDimension]: JsonDimensionValue | null };

export function isP0TextDimension(name: string): name is P0TextDimension {
  return (P0_TEXT_DIMENSIONS as readonly string[]).includes(name);
}
