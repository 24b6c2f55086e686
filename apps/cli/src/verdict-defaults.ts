/**
 * verdict-core's defaults, held here so command definitions (flags and help) load no package; a test
 * keeps them equal to DEFAULT_PARITY_DIMS and DEFAULT_EPS_NUM.
 */
export const DEFAULT_PARITY_DIMENSIONS = ['build_sha', 'instance_type', 'os', 'lib_versions'] as const;
export const DEFAULT_EPS_NUM_VALUE = 1e-9;
