import { z } from 'zod';
import { localizationSchema } from '../localize/localization-schema.js';
import { divergenceSourceSchema } from '../masked/classify-divergence-source.js';
import { maskedDependenceWarningSchema } from '../masked/masked-dependence.js';
import { replayPowerSchema } from '../power/replay-power.js';

export const VERDICT_SCHEMA_VERSION = 1;

export const verdictNameSchema = z.enum(['FIDELITY_OK', 'NON_DETERMINISTIC', 'CANONICAL_DIVERGENCE', 'INCONCLUSIVE_TOOLING']);
export const verdictCauseSchema = z.enum(['numeric_residue', 'real_instability', 'logic_fidelity_gap', 'env_parity_gap']);
export const verdictReasonSchema = z.enum(['replay_error', 'canonical_absent', 'epsilon_prod_unmeasured', 'env_parity_unverified']);
export const parityStateSchema = z.enum(['equal', 'differs', 'unverifiable']);
export const dimensionParitySchema = z.enum(['equal', 'differs', 'missing']);
export const determinismStatusSchema = z.enum(['PASS', 'FAIL', 'ERROR']);

/** A replay value as recorded in the artefact: JSON has no NaN/Infinity, so those travel as strings. */
export const recordedValueSchema = z.union([z.number(), z.null(), z.literal('NaN'), z.literal('Infinity'), z.literal('-Infinity')]);
export const recordedReplaySchema = z.union([z.object({ value: recordedValueSchema }), z.object({ error: z.string() })]);
/** A recorded dimension or audit value: any JSON value but null (null = not recorded). */
export const dimensionValueSchema = z.union([z.string(), z.number(), z.boolean(), z.record(z.string(), z.unknown()), z.array(z.unknown())]);
export const dimensionMapSchema = z.record(z.string(), z.union([dimensionValueSchema, z.null()]));

/** The command a verdict replayed, as the runner ran it (audit data, never compared). */
export const replayContextSchema = z.object({
  argv: z.array(z.string()),
  cwd: z.string(),
  /** The knobs the child was spawned with: the pins plus the numeric variables passed through. */
  effective_knobs: z.record(z.string(), z.string()),
  /** Numeric variables left out of the child's environment (each named in a warning). */
  dropped_env: z.array(z.string()),
  /** explicit, env, script_checkout, cwd_checkout, or null (no build sha found). */
  build_sha_source: z.string().nullable(),
  /** The git checkout build_sha was read from, when one was. */
  build_sha_checkout: z.string().nullable(),
  /** The checkout has uncommitted changes to tracked files. */
  build_sha_dirty: z.boolean(),
  /** `pinned` or `uncapped`. */
  pin_mode: z.string(),
});

/**
 * The verdict artefact (architecture seed §6, snake_case JSON), plus `schema_version`, `metric`,
 * `decided_at` and an `audit` block from which the decision can be reconstructed.
 */
export const verdictSchema = z.object({
  schema_version: z.literal(VERDICT_SCHEMA_VERSION),
  verdict: verdictNameSchema,
  cause: verdictCauseSchema.nullable(),
  reason: verdictReasonSchema.nullable(),
  cell: z.string().min(1),
  metric: z.string().min(1),
  decided_at: z.iso.datetime({ offset: true }),
  det_status: determinismStatusSchema,
  /** |a − b|; null when H1 errored (no two finite values to compare). */
  det_delta: z.number().nullable(),
  /** |a − canonical|; null when the H2 path was not reached. */
  canon_delta: z.number().nullable(),
  /** max(eps_num, eps_prod), the tolerance H2 used. */
  epsilon: z.number(),
  eps_num: z.number(),
  eps_prod: z.number().nullable(),
  eps_prod_image_sha: z.string().nullable(),
  parity_state: parityStateSchema,
  parity_dims: z.record(z.string(), dimensionParitySchema),
  replay_build_sha: z.string().nullable(),
  replay_instance_type: z.string().nullable(),
  canonical_run_id: z.string().nullable(),
  canonical_build_sha: z.string().nullable(),
  canonical_instance_type: z.string().nullable(),
  audit: z.object({
    replay_a: recordedReplaySchema,
    replay_b: recordedReplaySchema,
    canonical_value: z.number().nullable(),
    /** Replay A's whole fingerprint, P0 dimensions and audit-only fields alike. */
    replay_fingerprint: dimensionMapSchema,
    canonical_provenance: dimensionMapSchema,
    /** What was replayed (replay A): the command, its working directory, the effective knobs, where build_sha came from. */
    replay: replayContextSchema.optional(),
  }),
  /** Which varied factor moves the metric (`localizeReplay`), when a localisation ran. */
  localization: localizationSchema.optional(),
  /** What K replays could catch (`replayPower`), when stated. */
  replay_power: replayPowerSchema.optional(),
  /** Masked dependence (`assessMaskedDependence`): eps_prod large against the metric, un-capped spread above pinned. */
  warnings: z.array(maskedDependenceWarningSchema).optional(),
  /** On a logic_fidelity_gap: whether the pinned thread caps cause it (`classifyDivergenceSource`). */
  divergence_source: divergenceSourceSchema.optional(),
});

export type Verdict = z.infer<typeof verdictSchema>;
export type RecordedValue = z.infer<typeof recordedValueSchema>;
export type ReplayContext = z.infer<typeof replayContextSchema>;
export type RecordedReplay = z.infer<typeof recordedReplaySchema>;
