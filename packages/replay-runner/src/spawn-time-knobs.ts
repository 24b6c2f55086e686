/**
 * The spawn-time knobs (seed §2bis): read before any worker code runs, so they must be in the child's
 * environment at process creation. The one list of their names and pinned values; the pin config,
 * the hermetic env and the child helpers (through REPRO_KNOB_NAMES) all derive from it.
 */

/** Read once at interpreter start. */
export const HASH_SEED_KNOB = 'PYTHONHASHSEED' as const;

/** The thread-pool caps: read when the first BLAS/OpenMP library loads. */
export const THREAD_CAP_KNOBS = [
  'OMP_NUM_THREADS',
  'MKL_NUM_THREADS',
  'OPENBLAS_NUM_THREADS',
  'NUMEXPR_NUM_THREADS',
  'VECLIB_MAXIMUM_THREADS',
  'BLIS_NUM_THREADS',
] as const;

/** Determinism switches of the numeric runtimes, with their pinned values. */
export const DETERMINISM_FLAG_KNOBS: Readonly<Record<string, string>> = Object.freeze({
  OMP_DYNAMIC: 'FALSE',
  MKL_DYNAMIC: 'FALSE',
  CUBLAS_WORKSPACE_CONFIG: ':4096:8',
  TF_DETERMINISTIC_OPS: '1',
});

/** Every knob the runner knows; the child reports each as observed, in either pin mode. */
export const DEFAULT_KNOB_NAMES: readonly string[] = Object.freeze([
  HASH_SEED_KNOB,
  ...THREAD_CAP_KNOBS,
  ...Object.keys(DETERMINISM_FLAG_KNOBS),
]);
