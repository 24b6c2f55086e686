import { THREAD_CAP_KNOBS } from '../spawn-time-knobs.js';

/**
 * One factor a localisation varies, as data. From the pinned baseline, each of the factor's K replays
 * changes only what the factor names; replay i takes the i-th value of each list (cycling).
 * Extend the catalogue with your own entries (`[...DEFAULT_LOCALIZATION_FACTORS, myFactor]`).
 */
export interface LocalizationFactor {
  /** Stable id (`hash_seed`, `threads_all`, …); the localisation's culprit is one of these. */
  readonly id: string;
  /** What is varied, for the sentence ("the hash seed (PYTHONHASHSEED)"). */
  readonly label: string;
  /** How to pin it when it is the culprit. */
  readonly howToPin: string;
  /** Spawn-time variables set per replay (name → values, replay i takes values[i % length]); requested and checked like pins. */
  readonly knobs?: Readonly<Record<string, readonly string[]>>;
  /** Run under `taskset -c <list>`; `'each_cpu'` = one CPU per replay (0, 1, …, cycling over the visible CPUs). */
  readonly cpuAffinity?: readonly string[] | 'each_cpu';
  /** Run in a copy of the working directory at another path (paths in the command inside it follow). */
  readonly relocateCwd?: boolean;
  /** Pass the whole parent environment, beyond the allowlist (knobs stay pinned). */
  readonly fullParentEnv?: boolean;
}

const THREAD_VALUES = ['2', '3', '4', '8'] as const;

const threadFactor = (knob: string): LocalizationFactor => ({
  id: `threads_${knob.toLowerCase().replace(/_num_threads$|_maximum_threads$/, '')}`,
  label: `the ${knob} thread cap`,
  howToPin: `set ${knob} to the same value in every run (production included), or make the code independent of the thread count (fixed-order reductions)`,
  knobs: { [knob]: THREAD_VALUES },
});

/**
 * The default catalogue: hash seed; each thread-pool cap alone and all together; CPU affinity (one CPU per
 * replay, under `taskset`); numeric-library variables (OPENBLAS_CORETYPE, MKL_CBWR,
 * MKL_ENABLE_INSTRUCTIONS, CUBLAS_WORKSPACE_CONFIG); locale; time zone; the working-directory path; the
 * environment beyond the allowlist.
 */
export const DEFAULT_LOCALIZATION_FACTORS: readonly LocalizationFactor[] = Object.freeze([
  {
    id: 'hash_seed',
    label: 'the hash seed (PYTHONHASHSEED)',
    howToPin:
      'set PYTHONHASHSEED to a fixed value in production too, or stop depending on set/dict-of-str iteration order (sort before iterating)',
    knobs: { PYTHONHASHSEED: ['1', '2', '3', '4', '5', '6', '7', '8'] },
  },
  ...THREAD_CAP_KNOBS.map(threadFactor),
  {
    id: 'threads_all',
    label: 'every thread-pool cap at once',
    howToPin:
      'pin the thread counts (OMP/MKL/OPENBLAS/… _NUM_THREADS) to the same value in every run, or make reductions independent of the thread count',
    knobs: Object.fromEntries(THREAD_CAP_KNOBS.map((knob) => [knob, THREAD_VALUES])),
  },
  {
    id: 'cpu_affinity',
    label: 'the CPUs the run may use (taskset)',
    howToPin: 'run on a fixed CPU set (taskset / container cpuset), or stop deriving work splits from the visible CPU count',
    cpuAffinity: 'each_cpu',
  },
  {
    id: 'openblas_coretype',
    label: 'the OpenBLAS kernel (OPENBLAS_CORETYPE)',
    howToPin: 'set OPENBLAS_CORETYPE to one kernel (e.g. Haswell) in every run and record it',
    knobs: { OPENBLAS_CORETYPE: ['Haswell', 'Sandybridge', 'Nehalem', 'Prescott'] },
  },
  {
    id: 'mkl_cbwr',
    label: 'MKL conditional reproducibility (MKL_CBWR)',
    howToPin: 'set MKL_CBWR (e.g. COMPATIBLE or AVX2) in every run',
    knobs: { MKL_CBWR: ['COMPATIBLE', 'AVX2', 'SSE4_2', 'AUTO'] },
  },
  {
    id: 'mkl_enable_instructions',
    label: 'the MKL instruction set (MKL_ENABLE_INSTRUCTIONS)',
    howToPin: 'set MKL_ENABLE_INSTRUCTIONS in every run',
    knobs: { MKL_ENABLE_INSTRUCTIONS: ['SSE4_2', 'AVX2', 'AVX', 'SSE4_2'] },
  },
  {
    id: 'cublas_workspace_config',
    label: 'the cuBLAS workspace (CUBLAS_WORKSPACE_CONFIG)',
    howToPin: 'set CUBLAS_WORKSPACE_CONFIG=:4096:8 (or :16:8) in every run',
    knobs: { CUBLAS_WORKSPACE_CONFIG: [':16:8', ':4096:2', ':16:8', ':4096:2'] },
  },
  {
    id: 'locale',
    label: 'the locale (LC_ALL)',
    howToPin: 'set LC_ALL (e.g. C.UTF-8) in every run, or parse/format numbers locale-independently',
    knobs: { LC_ALL: ['C', 'POSIX', 'C.UTF-8', 'C'] },
  },
  {
    id: 'time_zone',
    label: 'the time zone (TZ)',
    howToPin: 'set TZ=UTC in every run, or use time-zone-aware UTC timestamps in the code',
    knobs: { TZ: ['America/New_York', 'Asia/Kolkata', 'Pacific/Chatham', 'Europe/Berlin'] },
  },
  {
    id: 'cwd_path',
    label: 'the working-directory path',
    howToPin: 'stop depending on absolute paths (hashing, sorting or seeding from them); use paths relative to the project',
    relocateCwd: true,
  },
  {
    id: 'parent_env',
    label: 'the environment beyond the allowlist',
    howToPin: 'the run reads a variable the hermetic environment drops: pass it explicitly (passEnv) in replays and production alike, or stop reading it',
    fullParentEnv: true,
  },
] satisfies LocalizationFactor[]);
