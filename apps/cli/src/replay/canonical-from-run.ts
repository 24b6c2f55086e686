import type { ReplaySpec, runReplay } from '@repro/replay-runner';
import { CliError } from '../cli-error.js';
import { EXIT } from '../exit-codes.js';
import { replayCliError } from './replay-cli-error.js';

export interface RunForCanonical {
  readonly value: number;
  /** The P0 dimensions the child captured (the canonical's provenance). */
  readonly provenance: Record<string, unknown>;
  /** The whole fingerprint, kept as audit data with the run. */
  readonly fingerprint: Record<string, unknown>;
}

/**
 * Runs the training command once, un-capped (as production runs), for a canonical record: its metric
 * and the fingerprint the child captured, whose P0 dimensions become the canonical's provenance. A
 * failed run records nothing: exit 1 naming why. The fingerprint is redacted (SecretRedactor of the
 * environment the run was started from) before anything of it is recorded.
 */
export async function runForCanonical(spec: ReplaySpec, metric: string, signal: AbortSignal): Promise<RunForCanonical> {
  // loaded on use: `repro demo`'s definition imports this module
  const { fingerprintDimensions, runReplay, SecretRedactor } = await import('@repro/replay-runner');
  let outcome: Awaited<ReturnType<typeof runReplay>>;
  try {
    outcome = await runReplay({ ...spec, pin: { mode: 'uncapped' } }, { label: 'canonical', signal });
  } catch (error) {
    throw replayCliError(error);
  }
  if (!outcome.ok) {
    const tail = outcome.error.stderrTail ? `\nstderr (last lines):\n${outcome.error.stderrTail}` : '';
    throw new CliError(`the canonical run failed, nothing recorded: ${outcome.error.kind}: ${outcome.error.message}${tail}`, EXIT.FAILURE, {
      error: 'run_failed',
      kind: outcome.error.kind,
      message: outcome.error.message,
      stderr_tail: outcome.error.stderrTail ?? '',
      ...(outcome.error.reportedMetrics === undefined ? {} : { reported_metrics: outcome.error.reportedMetrics }),
    });
  }
  const fingerprint = SecretRedactor.fromEnvironment(spec.parentEnv ?? process.env).redact({ ...outcome.fingerprint });
  const provenance = Object.fromEntries(Object.entries(fingerprintDimensions(fingerprint)).filter(([, value]) => value !== null));
  return { value: outcome.metrics[metric]!, provenance, fingerprint };
}
