import { DEFAULT_EPS_NUM, DEFAULT_PARITY_DIMS } from '@repro/verdict-core';
import { z } from 'zod';
import { idSchema } from './id-rules.js';
import { localizationFactorOptionSchema } from './localization-factor-option.js';
import { timeoutSeconds } from './option-fields.js';

/** The most pinned replays one verdict may compare. */
export const MAX_REPLAY_COUNT = 100;

const dimensionName = z.string().trim().min(1, 'a dimension name is empty').max(128, 'at most 128 characters');

/**
 * Every option of a verdict for a cell, for every front end (`repro verdict run`, a `verdict` job).
 * The replay settings (`replays`, `hash_seed`, `threads`, `timeout_s`) have no schema default, so a
 * front end can fill them from its own defaults (a worker's profile); left unset, the use case runs
 * parallel replays, hash seed 0, 1 thread, one hour.
 */
export const verdictOptionsSchema = z.strictObject({
  /** The training cell, e.g. `defi_top5/fold-3`. */
  cell: idSchema('cell'),
  /** The metric the training command reports, e.g. `f1_buy`. */
  metric: idSchema('metric'),
  /** Production image SHA whose stored eps_prod applies; none → epsilon_prod_unmeasured. */
  image_sha: idSchema('image_sha').optional(),
  /** The numerical threshold eps_num. */
  eps_num: z.number().finite('must be a finite number').nonnegative('must be ≥ 0').default(DEFAULT_EPS_NUM),
  /** The required P0 dimensions (duplicates dropped). */
  parity_dims: z
    .array(dimensionName)
    .min(1, 'at least one dimension')
    .max(64, 'at most 64 dimensions')
    .transform((dims) => [...new Set(dims)])
    .default(() => [...DEFAULT_PARITY_DIMS]),
  /** Replays A and B at once (about half the wall time at 2× CPU) or one after the other. */
  replays: z.enum(['parallel', 'sequential']).optional(),
  /** PYTHONHASHSEED of both replays (default 0). */
  hash_seed: z.number().int('must be an integer').min(0, 'must be ≥ 0').max(4_294_967_295, 'at most 4294967295').optional(),
  /** Thread cap of both replays (default 1). */
  threads: z.number().int('must be an integer').min(1, 'must be ≥ 1').max(1024, 'at most 1024').optional(),
  /** Per replay (default 3600). */
  timeout_s: timeoutSeconds.optional(),
  /**
   * `pinned` (default): hash seed, thread caps and determinism flags set, as a verdict needs.
   * `uncapped`: the replays run as production runs — only to show what pinning prevents (`repro demo`).
   */
  pin_mode: z.enum(['pinned', 'uncapped']).default('pinned'),
  /**
   * K: how many pinned replays are compared (default 2). More replays catch rarer non-determinism; the
   * verdict states what K catches (`replay_power`).
   */
  replay_count: z.number().int('must be an integer').min(2, 'must be ≥ 2').max(MAX_REPLAY_COUNT, `at most ${MAX_REPLAY_COUNT}`).optional(),
  /**
   * Localise which factor moves the metric and store the result with the verdict (`localization`):
   * `true` / `on_failure` when H1 fails (the replays disagree), `always` whatever the verdict, `false`
   * (default) never. Needs pinned replays.
   */
  localize: z.union([z.boolean(), z.enum(['on_failure', 'always'])]).optional(),
  /** K of the localisation: replays per factor (default 2). */
  replays_per_factor: z.number().int('must be an integer').min(1, 'must be ≥ 1').max(50, 'at most 50').optional(),
  /** Only these factors of the catalogue (ids, e.g. `hash_seed`, `threads_all`); default every one. */
  factors: z.array(z.string().trim().min(1, 'a factor id is empty')).min(1, 'at least one factor').optional(),
  /** Factors added to the catalogue (data: id, label, howToPin, knobs / cpuAffinity / relocateCwd / fullParentEnv). */
  extra_factors: z.array(localizationFactorOptionSchema).max(100, 'at most 100 factors').optional(),
  /** eps_prod above this share of |metric| is warned about (masked dependence; default 0.05). */
  eps_prod_relative_threshold: z.number().positive('must be > 0').max(1000, 'at most 1000').optional(),
});

export type VerdictOptionsInput = z.input<typeof verdictOptionsSchema>;
export type VerdictOptions = z.output<typeof verdictOptionsSchema>;
