// fs.promises, not node:fs/promises: command definitions import this module, and fs.promises loads on first
// use (node:fs/promises costs ~3 ms of every start, `repro --help` included)
import { promises as fs } from 'node:fs';
import { resolve } from 'node:path';
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
  /** The training code's working directory (relative to the CLI's): where the command runs and whose git checkout gives build_sha. */
  cwd?: string;
  /** The training code's build sha (else $BUILD_SHA, else the checkout of the script, else of --cwd). */
  buildSha?: string;
  /** Leave the numeric-library variables (OPENBLAS_CORETYPE, MKL_CBWR, …) out of the child (each named in a warning). */
  dropNumericEnv?: boolean;
}

/**
 * Adds --cwd, --params, --timeout, --pass-env and --drop-numeric-env; --build-sha unless the command has
 * its own (`buildSha: false`); for pinned replays --hash-seed and --threads.
 */
export function addReplayFlags(command: Command, { pinned, buildSha = true }: { pinned: boolean; buildSha?: boolean }): Command {
  if (pinned) {
    command
      .addOption(new Option('--hash-seed <n>', 'PYTHONHASHSEED of both replays').default('0'))
      .addOption(new Option('--threads <n>', 'thread cap of both replays (OMP/MKL/OpenBLAS/… _NUM_THREADS)').default('1'));
  }
  command.option('--cwd <dir>', "the training code's directory: the command runs there and its git checkout gives build_sha (default: the current directory)");
  if (buildSha) command.option('--build-sha <sha>', "the training code's build sha (default: $BUILD_SHA, else the git HEAD of the script's checkout, else of --cwd)");
  return command
    .option('--drop-numeric-env', 'leave numeric-library variables (OPENBLAS_CORETYPE, MKL_CBWR, …) out of the child; each dropped one is named in a warning (default: passed through and recorded)')
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
  const cwd = await replayCwdFromFlags(ctx, flags);
  const buildSha = flags.buildSha?.trim();
  if (buildSha === '') throw invalidInput('--build-sha: expected a non-empty sha', { error: 'invalid_flag', flag: '--build-sha' });
  return {
    command,
    cwd,
    ...(buildSha === undefined ? {} : { buildSha }),
    ...(flags.dropNumericEnv ? { numericEnv: 'drop' as const } : {}),
    ...(params === undefined ? {} : { params }),
    passEnv,
    parentEnv: ctx.io.env,
  };
}

/** `--cwd` resolved against the CLI's directory (default: the CLI's directory); a missing directory → exit 2 naming the flag. */
async function replayCwdFromFlags(ctx: CommandContext, flags: ReplayFlags): Promise<string> {
  if (flags.cwd === undefined) return ctx.io.cwd;
  const dir = resolve(ctx.io.cwd, flags.cwd);
  const info = await fs.stat(dir).catch(() => null);
  if (info === null || !info.isDirectory()) throw invalidInput(`--cwd: ${dir} is not a directory`, { error: 'invalid_flag', flag: '--cwd' });
  return dir;
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
