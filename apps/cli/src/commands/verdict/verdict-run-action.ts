import { SecretRedactor } from '@repro/replay-runner';
import { runVerdictForCell, type VerdictOptionsInput } from '@repro/use-cases';
import { invalidInput } from '../../cli-error.js';
import type { CommandContext } from '../../command-context.js';
import { parseFiniteNumber } from '../../input/parse-number-list.js';
import type { CliEvent } from '../../output/log-format.js';
import { printJson } from '../../output/print-json.js';
import { createProgressReporter } from '../../output/progress-reporter.js';
import { writeOutputFile } from '../../output/write-output-file.js';
import { pinFromFlags, type ReplayFlags, replayCommandFromFlags, timeoutSecondsFromFlags } from '../../replay/replay-flags.js';
import { withStoreFromCli } from '../../store/open-store-from-cli.js';
import type { StoreFlags } from '../../store/store-options.js';
import { replayProgressNote } from '../../use-cases/replay-progress-line.js';
import { useCaseCliError } from '../../use-cases/use-case-cli-error.js';
import { parseDimensionList } from './parse-dimension-list.js';
import { renderVerdict } from './render-verdicts.js';
import { verdictExitCode } from './verdict-exit-code.js';

export interface VerdictRunFlags extends StoreFlags, ReplayFlags {
  cell: string;
  metric: string;
  imageSha?: string;
  epsNum?: string;
  parallel?: boolean;
  sequential?: boolean;
  parityDims?: string;
  out?: string;
  events?: boolean;
  json?: boolean;
}

/** The flag of each verdict option. */
const VERDICT_FLAGS: Readonly<Record<string, string>> = {
  cell: '--cell',
  metric: '--metric',
  image_sha: '--image-sha',
  eps_num: '--eps-num',
  parity_dims: '--parity-dims',
  replays: '--sequential',
  hash_seed: '--hash-seed',
  threads: '--threads',
  timeout_s: '--timeout',
};

/** The flags as the use case's options (numbers and lists through the CLI's parsers). */
function verdictOptionsFromFlags(ctx: CommandContext, opts: VerdictRunFlags): VerdictOptionsInput {
  if (opts.parallel && opts.sequential) {
    const message = '--parallel and --sequential exclude each other';
    throw invalidInput(message, { error: { code: 'invalid_flag', flag: '--sequential', message } });
  }
  const imageSha = opts.imageSha ?? ctx.io.env.REPRO_IMAGE_SHA;
  const pin = pinFromFlags(opts);
  return {
    cell: opts.cell,
    metric: opts.metric,
    ...(imageSha === undefined || imageSha === '' ? {} : { image_sha: imageSha }),
    ...(opts.epsNum === undefined ? {} : { eps_num: parseFiniteNumber('--eps-num', opts.epsNum, { min: 0 }) }),
    ...(opts.parityDims === undefined ? {} : { parity_dims: parseDimensionList(opts.parityDims) }),
    replays: opts.sequential ? 'sequential' : 'parallel',
    hash_seed: pin.hashSeed,
    threads: pin.threads,
    timeout_s: timeoutSecondsFromFlags(opts),
  };
}

/** `repro verdict run`: parse the flags, run the verdict use case on the CLI's store, render. */
export async function runVerdictRun(ctx: CommandContext, argv: string[], opts: VerdictRunFlags): Promise<void> {
  const options = verdictOptionsFromFlags(ctx, opts);
  const command = await replayCommandFromFlags(ctx, argv, opts);
  const emit = opts.events ? (event: CliEvent) => ctx.emitEvent(event) : undefined;
  const progress = createProgressReporter(ctx.io, `verdict run (${opts.cell}, ${opts.metric})`);

  const decided = await withStoreFromCli(ctx, opts, async (store) => {
    try {
      return await runVerdictForCell(options, command, {
        store,
        now: () => ctx.now(),
        redactor: SecretRedactor.fromEnvironment(ctx.io.env),
        signal: ctx.io.interrupts(),
        onProgress: (p) => progress.update(p.done, p.total, replayProgressNote(p, opts.metric)),
        ...(emit ? { emit } : {}),
      });
    } catch (error) {
      throw useCaseCliError(error, VERDICT_FLAGS);
    } finally {
      progress.finish();
    }
  });

  const { verdict, replays } = decided;
  const outPath = opts.out === undefined ? undefined : await writeOutputFile(ctx, '--out', opts.out, `${JSON.stringify(verdict, null, 2)}\n`);
  if (opts.json) printJson(ctx.io, verdict);
  else {
    ctx.io.stdout(renderVerdict(verdict));
    for (const outcome of replays === null ? [] : [replays.a, replays.b]) {
      const what = outcome.ok ? `${opts.metric} = ${outcome.metrics[opts.metric]}` : `${outcome.error.kind}: ${outcome.error.message}`;
      ctx.io.stdout(`replay ${outcome.label}: ${what} (${(outcome.durationMs / 1000).toFixed(1)} s)\n`);
    }
    if (outPath !== undefined) ctx.io.stdout(`artefact: ${outPath}\n`);
  }
  ctx.setExitCode(verdictExitCode(verdict.verdict));
}
