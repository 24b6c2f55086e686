import type { EnvFingerprint } from './env-fingerprint.js';
import type { CapturedOutput } from './output-tail.js';
import type { ReplayError } from './replay-error.js';
import type { BuildShaResolution } from './resolve-build-sha.js';

interface ReplayOutcomeBase {
  readonly label: string;
  /** The command replayed, as given in the spec (without a `taskset` wrapper). */
  readonly argv: readonly string[];
  /** The child's working directory, absolute. */
  readonly cwd: string;
  /** Every variable of the child env that can change numerics: the requested knobs plus the numeric variables passed through. */
  readonly effectiveKnobs: Readonly<Record<string, string>>;
  /** Numeric variables of the parent the child did not get (`numericEnv: 'drop'`). */
  readonly droppedEnv: readonly string[];
  /** How build_sha was resolved for the child (REPRO_BUILD_SHA). */
  readonly buildSha: BuildShaResolution;
  /** The CPU list the child ran on (`taskset -c`), when set. */
  readonly cpuAffinity: string | null;
  readonly pinMode: 'pinned' | 'uncapped';
  /** The knobs the child was spawned with (and had to observe). */
  readonly requestedKnobs: Readonly<Record<string, string>>;
  /** Process id (= process group id); null when the process could not be created. */
  readonly pid: number | null;
  readonly exitCode: number | null;
  readonly signal: string | null;
  readonly startedAt: string;
  readonly durationMs: number;
  /** The tails of the child's output, secrets redacted (`SecretRedactor` of the parent and child env). */
  readonly stdout: CapturedOutput;
  readonly stderr: CapturedOutput;
  /** Processes of the group still alive after the child exited, which the runner then killed. */
  readonly strayProcessesKilled: boolean;
  /** The per-replay folder (params.json, result.json) when `keepFiles` was set. */
  readonly filesDir: string | null;
}

/** A replay that produced finite metrics from a pinned (as requested) child. */
export interface ReplaySuccess extends ReplayOutcomeBase {
  readonly ok: true;
  readonly metrics: Readonly<Record<string, number>>;
  readonly fingerprint: EnvFingerprint;
  readonly error: null;
}

/** A failed replay: data, not an exception. `metrics` / `fingerprint` are kept when the result file was readable. */
export interface ReplayFailure extends ReplayOutcomeBase {
  readonly ok: false;
  readonly metrics: Readonly<Record<string, number>> | null;
  readonly fingerprint: EnvFingerprint | null;
  readonly error: ReplayError;
}

export type ReplayOutcome = ReplaySuccess | ReplayFailure;

/** The value of `metric` from a successful replay, or null (failed replay, or metric absent). */
export function replayMetric(outcome: ReplayOutcome, metric: string): number | null {
  if (!outcome.ok) return null;
  return Object.hasOwn(outcome.metrics, metric) ? outcome.metrics[metric]! : null;
}
