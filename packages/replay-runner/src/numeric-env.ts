/**
 * Variables known to change numerics (another BLAS kernel, another reduction order, another last bit)
 * that the runner does not pin. By default (`numericEnv: 'pass'`) each one set in the parent is passed
 * through to the child and recorded in its fingerprint (`observed_knobs`); with `numericEnv: 'drop'` they
 * are dropped and a `replay_env_dropped` warning names them.
 */
export const NUMERIC_ENV_VARS: readonly string[] = Object.freeze([
  // OpenBLAS: kernel choice and threading details.
  'OPENBLAS_CORETYPE',
  'OPENBLAS_VERBOSE',
  'OPENBLAS_MAIN_FREE',
  'GOTO_NUM_THREADS',
  // Intel MKL: conditional numerical reproducibility, instruction set, CPU dispatch.
  'MKL_CBWR',
  'MKL_ENABLE_INSTRUCTIONS',
  'MKL_DEBUG_CPU_TYPE',
  'MKL_THREADING_LAYER',
  'MKL_INTERFACE_LAYER',
  // OpenMP: scheduling, placement, waiting.
  'OMP_SCHEDULE',
  'OMP_PROC_BIND',
  'OMP_PLACES',
  'OMP_WAIT_POLICY',
  'OMP_THREAD_LIMIT',
  'OMP_MAX_ACTIVE_LEVELS',
  'GOMP_CPU_AFFINITY',
  'KMP_AFFINITY',
  'KMP_DETERMINISTIC_REDUCTION',
  // GPU libraries.
  'CUDA_VISIBLE_DEVICES',
  'CUDA_LAUNCH_BLOCKING',
  'NVIDIA_TF32_OVERRIDE',
  'CUBLAS_WORKSPACE_CONFIG',
  'TORCH_CUDNN_V8_API_DISABLED',
  // Framework switches.
  'TF_ENABLE_ONEDNN_OPTS',
  'TF_CUDNN_DETERMINISTIC',
  'XLA_FLAGS',
  'NPY_DISABLE_CPU_FEATURES',
  'ONEDNN_DEFAULT_FPMATH_MODE',
  // Locale of number formatting / parsing.
  'LC_ALL',
  'LC_NUMERIC',
]);

/**
 * The numeric variables of NUMERIC_ENV_VARS set in `parentEnv` and not already pinned as a knob (a pinned
 * knob is set by the pin config and checked, so it is not passed through). Pure.
 */
export function numericEnvInParent(
  parentEnv: Readonly<Record<string, string | undefined>>,
  knobs: Readonly<Record<string, string>>,
  names: readonly string[] = NUMERIC_ENV_VARS,
): string[] {
  return names.filter((name) => parentEnv[name] !== undefined && !Object.hasOwn(knobs, name));
}
