import {
  type LocalizeReplayOptions,
  type LocalizeResult,
  localizeReplay,
  type ReplayOutcome,
  type ReplayPair,
  type ReplaySpec,
  type RunManyOptions,
  type RunReplayPairOptions,
  runMany,
  runReplayPair,
} from '@repro/replay-runner';

/**
 * What the use cases need of a replay runner: two fresh replays of a verdict, n runs of an envelope.
 * The default is @repro/replay-runner itself (fresh process groups); a front end may wrap it (to count
 * replays in flight, say).
 */
export interface ReplayRunnerPort {
  runPair(spec: ReplaySpec, options: RunReplayPairOptions): Promise<ReplayPair>;
  runMany(spec: ReplaySpec, n: number, options: RunManyOptions): Promise<ReplayOutcome[]>;
  /** One factor at a time from the pinned baseline (default: @repro/replay-runner's `localizeReplay`). */
  localize?(spec: ReplaySpec, options: LocalizeReplayOptions): Promise<LocalizeResult>;
}

/** @repro/replay-runner: fresh pinned (or un-capped) process groups, killed on abort or timeout. */
export const processReplayRunner: ReplayRunnerPort = {
  runPair: (spec, options) => runReplayPair(spec, options),
  runMany: (spec, n, options) => runMany(spec, n, options),
  localize: (spec, options) => localizeReplay(spec, options),
};

/**
 * What to run, as the front end fixes it: the CLI from the command line after `--` and its flags, the
 * worker from the operator's replay profile (a job never brings a command line). The use case adds the
 * pinning, the timeout and the required metric from its options.
 */
export type ReplayCommand = Pick<
  ReplaySpec,
  'command' | 'cwd' | 'buildSha' | 'numericEnv' | 'params' | 'passEnv' | 'parentEnv' | 'killGraceMs' | 'maxOutputBytes' | 'workDir'
>;

/** The spec of a use case's replays: the front end's command, the options' pin and timeout, the metric required. */
export function replaySpecFor(command: ReplayCommand, settings: { readonly pin: ReplaySpec['pin']; readonly timeoutSeconds: number; readonly metric: string }): ReplaySpec {
  return {
    command: command.command,
    ...(command.cwd === undefined ? {} : { cwd: command.cwd }),
    ...(command.buildSha === undefined ? {} : { buildSha: command.buildSha }),
    ...(command.numericEnv === undefined ? {} : { numericEnv: command.numericEnv }),
    ...(command.params === undefined ? {} : { params: command.params }),
    ...(command.passEnv === undefined ? {} : { passEnv: command.passEnv }),
    ...(command.parentEnv === undefined ? {} : { parentEnv: command.parentEnv }),
    ...(command.killGraceMs === undefined ? {} : { killGraceMs: command.killGraceMs }),
    ...(command.maxOutputBytes === undefined ? {} : { maxOutputBytes: command.maxOutputBytes }),
    ...(command.workDir === undefined ? {} : { workDir: command.workDir }),
    pin: settings.pin,
    timeoutMs: Math.round(settings.timeoutSeconds * 1000),
    requiredMetrics: [settings.metric],
  };
}
