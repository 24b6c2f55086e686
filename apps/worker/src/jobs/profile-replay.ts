import type { ReplayCommand } from '@repro/use-cases';
import { type ReplayPurpose, replaySpecForProfile } from '../config/replay-spec-for-profile.js';
import type { ReplayProfile } from '../config/worker-config-schema.js';
import { PermanentJobError } from './permanent-job-error.js';

/** What a job's replays run: the profile's command, cwd, params and pass_env over the worker's env (never the job's). */
export function profileReplayCommand(profile: ReplayProfile, options: { metric: string; purpose: ReplayPurpose; parentEnv: Readonly<Record<string, string | undefined>> }): ReplayCommand {
  const { pin: _pin, timeoutMs: _timeout, requiredMetrics: _metrics, ...command } = replaySpecForProfile(profile, options);
  return command;
}

/**
 * A job's timeout: the profile's unless the job asks for a shorter one. A job may not run a replay longer
 * than the operator allows: a longer one fails the job permanently, naming `timeout_s`.
 */
export function jobTimeoutSeconds(requested: number | undefined, profile: ReplayProfile): number {
  if (requested === undefined) return profile.timeout_s;
  if (requested > profile.timeout_s) {
    throw new PermanentJobError('invalid_input', `timeout_s ${requested} exceeds the profile's timeout_s ${profile.timeout_s}: a job may only shorten it`, 'timeout_s');
  }
  return requested;
}
