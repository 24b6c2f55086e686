import { PROFILE_NAME_PATTERN } from '@repro/job-queue';
import { z } from 'zod';

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * A replay profile: everything about how a job's replays run is fixed here, by the operator. A job only
 * names the profile; it can never bring a command line, a working directory or an environment of its own.
 */
export const replayProfileSchema = z.strictObject({
  /** argv of the training command; argv[0] is looked up on the child's PATH. */
  command: z.array(z.string().min(1, 'an empty argument')).min(1, 'needs at least the program'),
  /**
   * Working directory; relative paths are resolved against the config file's folder. Default: that folder.
   * Its git checkout (or the script's) gives the replays' build_sha — never the worker's own checkout.
   */
  cwd: z.string().min(1).optional(),
  /** The training code's build sha, when the profile pins one (else $BUILD_SHA passed through, else the script's / cwd's git checkout). */
  build_sha: z.string().trim().min(1).optional(),
  /** K: pinned replays of a verdict job (default 2); a job's `replay_count` wins. */
  replay_count: z.number().int().min(2).max(100).optional(),
  /** Per replay, seconds. */
  timeout_s: z.number().positive().max(86_400).default(3600),
  /** Names of the worker's env variables the replay receives (values never logged). */
  pass_env: z.array(z.string().regex(ENV_NAME, 'an environment variable name')).default([]),
  /** Worker-time parameters, written to REPRO_PARAMS_FILE (e.g. LightGBM `deterministic`, `seed`). */
  params: z.record(z.string(), z.unknown()).optional(),
  /** Pinned PYTHONHASHSEED for verdict replays (default 0). */
  hash_seed: z.number().int().nonnegative().optional(),
  /** Thread cap for verdict replays (default 1). */
  threads: z.number().int().positive().optional(),
  /** Replays A and B of a verdict job at once (default) or one after the other. */
  replays: z.enum(['parallel', 'sequential']).default('parallel'),
  /** Write each verdict's HTML report (@repro/verdict-report) beside its artefact, unless a job says `report: false`. */
  report: z.boolean().default(false),
});

/** Queue tuning; the defaults suit production (tests shorten them). */
export const queueTuningSchema = z.strictObject({
  /** Attempts after the first, for a job that failed for a reason that may pass. */
  retry_limit: z.number().int().nonnegative().max(100).default(3),
  /** Base retry delay in seconds, doubled per attempt with jitter. */
  retry_delay_s: z.number().int().nonnegative().max(86_400).default(10),
  retry_backoff: z.boolean().default(true),
  /** pg-boss 12 `heartbeatSeconds`: a claimed job whose worker sent no heartbeat for this long is retried by another worker. */
  lease_s: z.number().int().min(10, 'at least 10 (pg-boss 12 heartbeats)').max(3600).default(60),
  /** How often an idle worker polls for jobs. */
  poll_interval_ms: z.number().int().min(50).max(60_000).default(1000),
  /** How often expired leases are swept (one worker does it per interval). */
  maintenance_interval_s: z.number().int().min(1).max(3600).default(15),
});

export const workerConfigSchema = z.strictObject({
  profiles: z
    .record(z.string().regex(PROFILE_NAME_PATTERN, 'a profile name: letters, digits, ".", "_", "-"'), replayProfileSchema)
    .refine((profiles) => Object.keys(profiles).length > 0, 'at least one profile'),
  /** Object store for verdict artefacts and s43 cohorts: file://DIR or s3://BUCKET/PREFIX ($REPRO_STORE wins). */
  store: z.string().min(1).optional(),
  /** On SIGTERM/SIGINT: how long in-flight jobs may run on before they are aborted and returned to the queue. */
  grace_s: z.number().nonnegative().max(3600).default(30),
  queue: queueTuningSchema.default(() => queueTuningSchema.parse({})),
});

export type ReplayProfile = z.output<typeof replayProfileSchema>;
type QueueTuning = z.output<typeof queueTuningSchema>;
export type WorkerConfig = z.output<typeof workerConfigSchema>;
type WorkerConfigInput = z.input<typeof workerConfigSchema>;
