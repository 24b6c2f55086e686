import type { EnvFingerprint } from './env-fingerprint.js';
import type { CapturedOutput } from './output-tail.js';
import type { ReplayError } from './replay-error.js';

interface ReplayOutcomeBase {
  readonly label: string;
  readonly argv: readonly string[];
  readonly pinMode: 'pinned' | 'uncapped';
  /** The knobs the child was spawned with (and had to observe). */
  readonly requestedKnobs: Readonly<Record<string, string>>;
  /** Process id (= process group id); null when the process could not be created. */
  readonly pid: number | null;
  readonly exitCode: number | null;
  readonly signal: string | null;
  readonly startedAt: string;
  readonly durationMs: number;
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
