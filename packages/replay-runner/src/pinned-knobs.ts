import { ReplaySpecError } from './replay-spec-error.js';
import { DETERMINISM_FLAG_KNOBS, HASH_SEED_KNOB, THREAD_CAP_KNOBS } from './spawn-time-knobs.js';

/**
 * How the child is pinned.
 * - `pinned` (default): hash seed + thread caps + determinism flags — the §3.C config of a verdict replay.
 * - `uncapped`: production config, for eps_prod — sets none of the runner's knobs (no thread caps, no
 *   PYTHONHASHSEED, no OMP_DYNAMIC/MKL_DYNAMIC/… flags): the child runs as production runs. Name the
 *   knobs your production image does set in `extraKnobs` (checked like pins), or pass the parent's
 *   values through `passEnv`.
 */
export type PinConfig =
  | {
      readonly mode: 'pinned';
      /** PYTHONHASHSEED value; default 0. */
      readonly hashSeed?: number | string;
      /**
       * Value of every *_NUM_THREADS cap; default 1. `'unset'`: no thread cap at all (the libraries pick
       * their own count, as an un-capped production run does) while the hash seed and flags stay pinned.
       */
      readonly threads?: number | 'unset';
      /** Set OMP_DYNAMIC, MKL_DYNAMIC, CUBLAS_WORKSPACE_CONFIG, TF_DETERMINISTIC_OPS; default true. */
      readonly determinismFlags?: boolean;
      /** More spawn-time knobs (name → value); they win over the defaults above. */
      readonly extraKnobs?: Readonly<Record<string, string>>;
    }
  | {
      readonly mode: 'uncapped';
      /** Set the determinism flags anyway (only if production sets them too); default false. */
      readonly determinismFlags?: boolean;
      /** Knobs production sets (name → value), requested and checked like pins. */
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
 * @throws ReplaySpecError on a bad mode, hash seed, thread count or knob name.
 */
export function requestedKnobs(pin: PinConfig = DEFAULT_PIN): Record<string, string> {
  const knobs: Record<string, string> = {};
  if (pin.mode === 'pinned') {
    knobs[HASH_SEED_KNOB] = hashSeedText(pin.hashSeed ?? 0);
    const threads = pin.threads ?? 1;
    if (threads !== 'unset') {
      if (!Number.isSafeInteger(threads) || threads < 1) {
        throw new ReplaySpecError('pin.threads', `must be a positive integer or "unset", got ${JSON.stringify(threads)}`);
      }
      for (const name of THREAD_CAP_KNOBS) knobs[name] = String(threads);
    }
  } else if (pin.mode !== 'uncapped') {
    throw new ReplaySpecError('pin.mode', `must be "pinned" or "uncapped", got ${JSON.stringify((pin as { mode: unknown }).mode)}`);
  }
  if (pin.determinismFlags ?? pin.mode === 'pinned') Object.assign(knobs, DETERMINISM_FLAG_KNOBS);
  for (const [name, value] of Object.entries(pin.extraKnobs ?? {})) {
    assertEnvName(name, `pin.extraKnobs.${name}`);
    if (typeof value !== 'string') {
      throw new ReplaySpecError(`pin.extraKnobs.${name}`, `value must be a string, got ${typeof value}`);
    }
    knobs[name] = value;
  }
  return knobs;
}

/** PYTHONHASHSEED accepts 0 … 4294967295 (0 also disables hash randomisation). */
function hashSeedText(seed: number | string): string {
  const text = String(seed);
  const value = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(value) || value > 4294967295) {
    throw new ReplaySpecError('pin.hashSeed', `must be an integer in [0, 4294967295], got ${JSON.stringify(seed)}`);
  }
  return text;
}
