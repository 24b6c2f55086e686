import type { ReplaySpec } from '@repro/replay-runner';
import type { ReplayProfile } from './worker-config-schema.js';

export type ReplayPurpose = 'verdict' | 'envelope';

/**
 * The replay spec of a job: every field comes from the operator's profile and the worker's own env; the
 * job contributes only the metric name. Verdict replays are pinned (hash seed, thread caps); envelope
 * runs are un-capped, as production runs.
 */
export function replaySpecForProfile(
  profile: ReplayProfile,
  options: { metric: string; purpose: ReplayPurpose; parentEnv: Readonly<Record<string, string | undefined>> },
): ReplaySpec {
  return {
    command: [...profile.command],
    ...(profile.cwd === undefined ? {} : { cwd: profile.cwd }),
    ...(profile.build_sha === undefined ? {} : { buildSha: profile.build_sha }),
    parentEnv: options.parentEnv,
    passEnv: [...profile.pass_env],
    ...(profile.params === undefined ? {} : { params: profile.params }),
    timeoutMs: Math.round(profile.timeout_s * 1000),
    requiredMetrics: [options.metric],
    pin:
      options.purpose === 'verdict'
        ? { mode: 'pinned', hashSeed: profile.hash_seed ?? 0, threads: profile.threads ?? 1 }
        : { mode: 'uncapped' },
  };
}

/** Runner field names back to the config's, for errors that name the profile field. */
export function profileFieldOf(specField: string): string {
  return specField
    .replace(/^passEnv/, 'pass_env')
    .replace(/^timeoutMs$/, 'timeout_s')
    .replace(/^pin\.hashSeed$/, 'hash_seed')
    .replace(/^pin\.threads$/, 'threads');
}
