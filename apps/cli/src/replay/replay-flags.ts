import type { PinConfig, ReplaySpec } from '@repro/replay-runner';
import type { ReplayCommand } from '@repro/use-cases';
import { type Command, Option } from 'commander';
import { invalidInput } from '../cli-error.js';
import type { CommandContext } from '../command-context.js';
import { parseInteger, parseSeconds, splitList } from '../input/parse-number-list.js';
import { inputName, readJsonInput } from '../input/read-input.js';

/** A replay runs at most a week (also within a timer's 2^31 − 1 ms). */
const MAX_TIMEOUT_SECONDS = 7 * 24 * 3600;
/** PYTHONHASHSEED takes 0 … 4294967295. */
const MAX_HASH_SEED = 4_294_967_295;
const MAX_THREADS = 4096;

/** The replay flags shared by `verdict run`, `envelope measure` and `canonical record --from-run`. */
export interface ReplayFlags {
  params?: string;
  timeout?: string;
  passEnv?: string;
  hashSeed?: string;
  threads?: string;
}

/** Adds --params, --timeout and --pass-env (and, for pinned replays, --hash-seed and --threads). */
export function addReplayFlags(command: Command, { pinned }: { pinned: boolean }): Command {
  if (pinned) {
    command
      .addOption(new Option('--hash-seed <n>', 'PYTHONHASHSEED of both replays').default('0'))
      .addOption(new Option('--threads <n>', 'thread cap of both replays (OMP/MKL/OpenBLAS/… _NUM_THREADS)').default('1'));
  }
  return command
    .option('--params <file>', 'worker-time parameters (JSON object) for the child, via REPRO_PARAMS_FILE')
    .option('--timeout <seconds>', 'kill a replay (its whole process group) after this many seconds', '3600')
    .option('--pass-env <names>', 'parent environment variables passed to the child, comma-separated (e.g. BUILD_SHA,INSTANCE_TYPE)');
}

/** The per-replay timeout of `--timeout` in seconds (default 3600). Bad value → exit 2 naming the flag. */
export function timeoutSecondsFromFlags(flags: ReplayFlags): number {
  return parseSeconds('--timeout', flags.timeout ?? '3600', MAX_TIMEOUT_SECONDS) / 1000;
}

/** The pinned replays' PYTHONHASHSEED and thread cap (`--hash-seed`, `--threads`), range-checked. */
export function pinFromFlags(flags: ReplayFlags): { hashSeed: number; threads: number } {
  return { hashSeed: parseInteger('--hash-seed', flags.hashSeed ?? '0', 0, MAX_HASH_SEED), threads: parseInteger('--threads', flags.threads ?? '1', 1, MAX_THREADS) };
}

/**
 * What to replay, from the `-- CMD ARGS…` operands, --params and --pass-env (the pinning and the timeout
 * are the use case's options). Bad flags → exit 2 naming the flag.
 */
export async function replayCommandFromFlags(ctx: CommandContext, command: readonly string[], flags: ReplayFlags): Promise<ReplayCommand> {
  if (command.length === 0) throw invalidInput('no command given: put the training command after --, e.g. -- python3 train.py', { error: 'missing_command' });
  let params: Record<string, unknown> | undefined;
  if (flags.params !== undefined) {
    const value = await readJsonInput(ctx, flags.params);
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      throw invalidInput(`${inputName(flags.params)}: --params must be a JSON object`, { error: 'invalid_params', file: inputName(flags.params) });
    }
    params = value as Record<string, unknown>;
  }
  const passEnv = flags.passEnv === undefined ? [] : splitList('--pass-env', flags.passEnv);
  if (passEnv.some((name) => !/^[A-Za-z_][A-Za-z0-9_]*$/.test(name))) {
    throw invalidInput(`--pass-env: expected comma-separated variable names, got ${JSON.stringify(flags.passEnv)}`, { error: 'invalid_flag', flag: '--pass-env' });
  }
  return { command, cwd: ctx.io.cwd, ...(params === undefined ? {} : { params }), passEnv, parentEnv: ctx.io.env };
}

/** Builds the ReplaySpec from the flags and the `-- CMD ARGS…` operands. Bad flags → exit 2 naming the flag. */
export async function replaySpecFromFlags(
  ctx: CommandContext,
  command: readonly string[],
  flags: ReplayFlags,
  options: { pin: 'pinned' | 'uncapped'; metric: string },
): Promise<ReplaySpec> {
  const replay = await replayCommandFromFlags(ctx, command, flags);
  const timeoutSeconds = timeoutSecondsFromFlags(flags);
  const pin: PinConfig =
    options.pin === 'uncapped'
      ? { mode: 'uncapped' }
      : { mode: 'pinned', ...pinFromFlags(flags) };
  return { ...replay, pin, timeoutMs: Math.round(timeoutSeconds * 1000), requiredMetrics: [options.metric] };
}
