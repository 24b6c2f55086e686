import { ReplaySpecError } from './replay-spec-error.js';

/** The thread-pool caps: read when the first BLAS/OpenMP library loads, so they must be set at spawn time. */
export const THREAD_CAP_KNOBS = [
  'OMP_NUM_THREADS',
  'MKL_NUM_THREADS',
  'OPENBLAS_NUM_THREADS',
  'NUMEXPR_NUM_THREADS',
  'VECLIB_MAXIMUM_THREADS',
  'BLIS_NUM_THREADS',
] as const;

/** Read once at interpreter start: only an env var set at process creation takes effect. */
export const HASH_SEED_KNOB = 'PYTHONHASHSEED' as const;

/** Determinism switches of the numeric runtimes, with their pinned values. */
export const DETERMINISM_FLAG_KNOBS: Readonly<Record<string, string>> = Object.freeze({
  OMP_DYNAMIC: 'FALSE',
  MKL_DYNAMIC: 'FALSE',
  CUBLAS_WORKSPACE_CONFIG: ':4096:8',
  TF_DETERMINISTIC_OPS: '1',
});

/** Every knob name the runner pins by default (the child helpers report each one as observed). */
export const DEFAULT_KNOB_NAMES: readonly string[] = Object.freeze([
  HASH_SEED_KNOB,
  ...THREAD_CAP_KNOBS,
  ...Object.keys(DETERMINISM_FLAG_KNOBS),
]);

/**
 * How the child is pinned.
 * - `pinned` (default): hash seed + thread caps + determinism flags — the §3.C config of a verdict replay.
 * - `uncapped`: production config, for eps_prod — no thread caps and no PYTHONHASHSEED.
 */
export type PinConfig =
  | {
      readonly mode: 'pinned';
      /** PYTHONHASHSEED value; default 0. */
      readonly hashSeed?: number | string;
      /** Value of every *_NUM_THREADS cap; default 1. */
      readonly threads?: number;
      /** Set OMP_DYNAMIC, MKL_DYNAMIC, CUBLAS_WORKSPACE_CONFIG, TF_DETERMINISTIC_OPS; default true. */
      readonly determinismFlags?: boolean;
      /** More spawn-time knobs (name → value); they win over the defaults above. */
      readonly extraKnobs?: Readonly<Record<string, string>>;
    }
  | {
      readonly mode: 'uncapped';
      /** Set the determinism flags anyway; default true (they are not thread caps nor the hash seed). */
      readonly determinismFlags?: boolean;
      readonly extraKnobs?: Readonly<Record<string, string>>;
    };

export const DEFAULT_PIN: PinConfig = Object.freeze({ mode: 'pinned' });

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Checks an environment variable name; throws ReplaySpecError naming `field` otherwise. */
export function assertEnvName(name: string, field: string): void {
  if (!ENV_NAME.test(name)) throw new ReplaySpecError(field, `"${name}" is not a valid environment variable name`);
}

/**
 * The spawn-time knobs a pin config requests (name → exact value the child must observe). Pure.
 * @throws ReplaySpecError on a bad hash seed, thread count or knob name.
 */
export function requestedKnobs(pin: PinConfig = DEFAULT_PIN): Record<string, string> {
  const knobs: Record<string, string> = {};
  if (pin.mode === 'pinned') {
    const seed = pin.hashSeed ?? 0;
    const seedText = String(seed);
    const seedNumber = Number(seedText);
    if (!/^\d+$/.test(seedText) || !Number.isSafeInteger(seedNumber) || seedNumber > 4294967295) {
      throw new ReplaySpecError('pin.hashSeed', `must be an integer in [0, 4294967295], got ${JSON.stringify(seed)}`);
    }
    knobs[HASH_SEED_KNOB] = seedText;
    const threads = pin.threads ?? 1;
    if (!Number.isSafeInteger(threads) || threads < 1) {
      throw new ReplaySpecError('pin.threads', `must be a positive integer, got ${JSON.stringify(threads)}`);
    }
    for (const name of THREAD_CAP_KNOBS) knobs[name] = String(threads);
  } else if (pin.mode !== 'uncapped') {
    throw new ReplaySpecError('pin.mode', `must be "pinned" or "uncapped", got ${JSON.stringify((pin as { mode: unknown }).mode)}`);
  }
  if (pin.determinismFlags ?? true) Object.assign(knobs, DETERMINISM_FLAG_KNOBS);
  for (const [name, value] of Object.entries(pin.extraKnobs ?? {})) {
    assertEnvName(name, `pin.extraKnobs.${name}`);
    if (typeof value !== 'string') {
      throw new ReplaySpecError(`pin.extraKnobs.${name}`, `value must be a string, got ${typeof value}`);
    }
    knobs[name] = value;
  }
  return knobs;
}
