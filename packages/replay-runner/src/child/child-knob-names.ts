/** Knob names the child reports as observed: the runner's defaults plus whatever REPRO_PINNED_KNOBS lists. */
export const CHILD_DEFAULT_KNOBS = [
  'PYTHONHASHSEED',
  'OMP_NUM_THREADS',
  'MKL_NUM_THREADS',
  'OPENBLAS_NUM_THREADS',
  'NUMEXPR_NUM_THREADS',
  'VECLIB_MAXIMUM_THREADS',
  'BLIS_NUM_THREADS',
  'OMP_DYNAMIC',
  'MKL_DYNAMIC',
  'CUBLAS_WORKSPACE_CONFIG',
  'TF_DETERMINISTIC_OPS',
] as const;
