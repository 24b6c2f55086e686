import { DEFAULT_PIN, type PinConfig, requestedKnobs } from './pinned-knobs.js';
import { ReplaySpecError } from './replay-spec-error.js';

/** Everything that defines one replay. The same spec is used for A and B, and for every envelope run. */
export interface ReplaySpec {
  /** argv of the training command; argv[0] is looked up on the child's PATH. No shell is involved. */
  readonly command: readonly string[];
  /**
   * Working directory of the child (default: the parent's). Relative script paths in `command` are
   * resolved against it, and its git checkout gives build_sha when the script's own does not.
   */
  readonly cwd?: string;
  /**
   * The build sha of the training code, when known (`--build-sha`). Default: the parent's BUILD_SHA,
   * else the git HEAD of the checkout holding the script, else of `cwd` (`resolveBuildSha`).
   */
  readonly buildSha?: string;
  /**
   * Variables known to change numerics (NUMERIC_ENV_VARS: OPENBLAS_CORETYPE, MKL_CBWR, …) set in the
   * parent: `pass` (default) passes them through and records them in the fingerprint; `drop` leaves them
   * out and emits a `replay_env_dropped` warning naming them.
   */
  readonly numericEnv?: 'pass' | 'drop';
  /** Run the child under `taskset -c <cpuAffinity>` (Linux util-linux), e.g. `"0"` or `"0-1"`. */
  readonly cpuAffinity?: string;
  /** Spawn-time knobs (default: pinned, hash seed 0, 1 thread, determinism flags; `uncapped` sets none). */
  readonly pin?: PinConfig;
  /** Worker-time parameters, written as JSON to the file named by REPRO_PARAMS_FILE. */
  readonly params?: Readonly<Record<string, unknown>>;
  /** Parent variables passed through besides PATH, HOME, LANG, TZ, TMPDIR (e.g. BUILD_SHA, INSTANCE_TYPE). */
  readonly passEnv?: readonly string[];
  /** The parent environment to pick from (default: process.env). */
  readonly parentEnv?: Readonly<Record<string, string | undefined>>;
  /** Kill the process group after this long (default 3 600 000 ms = 1 h). */
  readonly timeoutMs?: number;
  /** Between SIGTERM and SIGKILL, at most 5000 ms (default 5000). */
  readonly killGraceMs?: number;
  /** Bytes of stdout and of stderr kept (the tail), each (default 65 536). */
  readonly maxOutputBytes?: number;
  /** Metrics the result file must contain (bad_result otherwise). */
  readonly requiredMetrics?: readonly string[];
  /** Folder for the per-replay params/result files (default: os.tmpdir()). */
  readonly workDir?: string;
  /** Keep the per-replay folder (its path is in the outcome) instead of deleting it. */
  readonly keepFiles?: boolean;
}

export const DEFAULT_TIMEOUT_MS = 3_600_000;
export const MAX_KILL_GRACE_MS = 5_000;
export const DEFAULT_MAX_OUTPUT_BYTES = 65_536;

/** Checks a spec's shape; throws ReplaySpecError naming the field. Pure. */
export function validateReplaySpec(spec: ReplaySpec): void {
  if (!Array.isArray(spec.command) || spec.command.length === 0) {
    throw new ReplaySpecError('command', 'must be a non-empty argv array');
  }
  spec.command.forEach((arg, i) => {
    if (typeof arg !== 'string') throw new ReplaySpecError(`command[${i}]`, `must be a string, got ${typeof arg}`);
    if (arg.includes('\0')) throw new ReplaySpecError(`command[${i}]`, 'contains a NUL byte');
  });
  if (spec.command[0] === '') throw new ReplaySpecError('command[0]', 'the program name is empty');
  const positive = (value: number | undefined, field: string, max = Number.POSITIVE_INFINITY, min = 1) => {
    if (value === undefined) return;
    if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
      throw new ReplaySpecError(field, `must be a number in [${min}, ${max}], got ${JSON.stringify(value)}`);
    }
  };
  positive(spec.timeoutMs, 'timeoutMs', 2_147_483_647);
  positive(spec.killGraceMs, 'killGraceMs', MAX_KILL_GRACE_MS, 0);
  positive(spec.maxOutputBytes, 'maxOutputBytes', 2 ** 30, 0);
  if (spec.numericEnv !== undefined && spec.numericEnv !== 'pass' && spec.numericEnv !== 'drop') {
    throw new ReplaySpecError('numericEnv', `must be "pass" or "drop", got ${JSON.stringify(spec.numericEnv)}`);
  }
  if (spec.cpuAffinity !== undefined && !/^\d+(-\d+)?(,\d+(-\d+)?)*$/.test(spec.cpuAffinity)) {
    throw new ReplaySpecError('cpuAffinity', `must be a CPU list like "0" or "0-1,3", got ${JSON.stringify(spec.cpuAffinity)}`);
  }
  if (spec.buildSha !== undefined && (typeof spec.buildSha !== 'string' || spec.buildSha.trim() === '')) {
    throw new ReplaySpecError('buildSha', 'must be a non-empty string');
  }
  if (spec.cwd !== undefined && (typeof spec.cwd !== 'string' || spec.cwd === '')) throw new ReplaySpecError('cwd', 'must be a non-empty path');
  if (spec.params !== undefined && (spec.params === null || typeof spec.params !== 'object' || Array.isArray(spec.params))) {
    throw new ReplaySpecError('params', 'must be a JSON object');
  }
  for (const field of ['passEnv', 'requiredMetrics'] as const) {
    const names = spec[field];
    if (names === undefined) continue;
    if (!Array.isArray(names)) throw new ReplaySpecError(field, 'must be an array of names');
    names.forEach((name, i) => {
      if (typeof name !== 'string' || name === '') throw new ReplaySpecError(`${field}[${i}]`, 'must be a non-empty string');
    });
  }
}

/** A validated spec with every default filled in. */
export interface ResolvedReplaySpec {
  readonly pinMode: PinConfig['mode'];
  /** The knobs the child is spawned with and must observe (`requestedKnobs(spec.pin)`). */
  readonly knobs: Readonly<Record<string, string>>;
  readonly timeoutMs: number;
  readonly killGraceMs: number;
  readonly maxOutputBytes: number;
}

/** Validates a spec and fills in the defaults. Pure. @throws ReplaySpecError naming the field. */
export function resolveReplaySpec(spec: ReplaySpec): ResolvedReplaySpec {
  validateReplaySpec(spec);
  const pin = spec.pin ?? DEFAULT_PIN;
  return {
    pinMode: pin.mode,
    knobs: requestedKnobs(pin),
    timeoutMs: spec.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    killGraceMs: spec.killGraceMs ?? MAX_KILL_GRACE_MS,
    maxOutputBytes: spec.maxOutputBytes ?? DEFAULT_MAX_OUTPUT_BYTES,
  };
}
