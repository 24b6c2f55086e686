import { runReplayPair, toObservedReplay } from '@repro/replay-runner';
import { assessObservation, DEFAULT_EPS_NUM, DEFAULT_PARITY_DIMS, observationSchema } from '@repro/verdict-core';
import type { Command } from 'commander';
import { invalidInput } from '../../cli-error.js';
import type { CommandContext } from '../../command-context.js';
import { parseFiniteNumber } from '../../input/parse-number-list.js';
import type { CliEvent } from '../../output/event-log.js';
import { printJson } from '../../output/print-json.js';
import { writeOutputFile } from '../../output/write-output-file.js';
import { addReplayFlags, type ReplayFlags, replaySpecFromFlags } from '../../replay/replay-flags.js';
import { replayCliError } from '../../replay/replay-cli-error.js';
import { withStoreFromCli } from '../../store/open-store-from-cli.js';
import { addStoreOptions, type StoreFlags } from '../../store/store-options.js';
import { readStoreReferences } from '../../store/store-references.js';
import { parseDimensionList } from './parse-dimension-list.js';
import { renderVerdict } from './render-verdicts.js';
import { verdictExitCode } from './verdict-exit-code.js';

interface RunOptions extends StoreFlags, ReplayFlags {
  cell: string;
  metric: string;
  imageSha?: string;
  epsNum: string;
  parallel?: boolean;
  sequential?: boolean;
  parityDims: string;
  out?: string;
  events?: boolean;
  json?: boolean;
}

/**
 * `repro verdict run --cell C --metric M [--image-sha SHA] [--eps-num X] [--parallel|--sequential]
 * [--hash-seed 0] [--threads 1] [--params FILE] [--timeout S] [--pass-env …] [--out FILE] [--events]
 * [--json] -- CMD ARGS…`: two fresh pinned replays, canonical and eps_prod from the store, the frozen
 * rule, the verdict saved to history (and to --out). Exit codes as `verdict decide`.
 */
export function registerVerdictRunCommand(verdict: Command, ctx: CommandContext): void {
  const command = verdict
    .command('run')
    .description('replay a training cell twice in fresh pinned processes, compare with its canonical run, decide, and save the verdict')
    .requiredOption('--cell <cell>', 'the training cell, e.g. defi_top5/fold-3')
    .requiredOption('--metric <metric>', 'the metric the command reports, e.g. f1_buy')
    .option('--image-sha <sha>', 'production image SHA whose eps_prod applies (default: $REPRO_IMAGE_SHA)')
    .option('--eps-num <x>', 'the numerical threshold eps_num', String(DEFAULT_EPS_NUM))
    .option('--parallel', 'run replays A and B at once (default: about half the wall time at 2× CPU)')
    .option('--sequential', 'run replay A, then B (1 CPU at a time)')
    .option('--parity-dims <dims>', 'required P0 dimensions, comma-separated', DEFAULT_PARITY_DIMS.join(','))
    .option('--out <file>', 'also write the Verdict artefact (JSON) to this file')
    .option('--events', 'print the verdict and replay events as JSON lines (or logfmt) on stderr')
    .option('--json', 'print the Verdict as one JSON document')
    .argument('<command...>', 'the training command, after --: e.g. -- python3 train.py --fold 3');
  addReplayFlags(command, { pinned: true });
  addStoreOptions(command);
  command.addHelpText('after', '\nExit codes: 0 FIDELITY_OK, 10 NON_DETERMINISTIC, 11 CANONICAL_DIVERGENCE, 12 INCONCLUSIVE_TOOLING; 2 invalid input, 3 store unavailable.');
  command.action(async (argv: string[], opts: RunOptions) => {
    if (opts.parallel && opts.sequential) throw invalidInput('--parallel and --sequential exclude each other', { error: 'invalid_flag', flag: '--sequential' });
    const epsNum = parseFiniteNumber('--eps-num', opts.epsNum, { min: 0 });
    const parityDims = parseDimensionList(opts.parityDims);
    const imageSha = opts.imageSha ?? ctx.io.env.REPRO_IMAGE_SHA;
    const spec = await replaySpecFromFlags(ctx, argv, opts, { pin: 'pinned', metric: opts.metric });
    const emit = opts.events ? (event: CliEvent) => ctx.emitEvent(event) : undefined;

    const decided = await withStoreFromCli(ctx, opts, async (store) => {
      let pair: Awaited<ReturnType<typeof runReplayPair>>;
      try {
        pair = await runReplayPair(spec, { mode: opts.sequential ? 'sequential' : 'parallel', signal: ctx.io.interrupts(), ...(emit ? { emit } : {}) });
      } catch (error) {
        throw replayCliError(error);
      }
      const references = await readStoreReferences(store, opts.cell, opts.metric, imageSha);
      const observation = observationSchema.parse({
        cell: opts.cell,
        metric: opts.metric,
        eps_num: epsNum,
        replay_a: toObservedReplay(pair.a, opts.metric, parityDims),
        replay_b: toObservedReplay(pair.b, opts.metric, parityDims),
        ...references,
      });
      const { verdict } = assessObservation(observation, { decidedAt: ctx.now().toISOString(), parityDims, ...(emit ? { emit } : {}) });
      await store.saveVerdict(verdict);
      return { verdict, pair };
    });

    const outPath = opts.out === undefined ? undefined : await writeOutputFile(ctx, '--out', opts.out, `${JSON.stringify(decided.verdict, null, 2)}\n`);
    if (opts.json) printJson(ctx.io, decided.verdict);
    else {
      ctx.io.stdout(renderVerdict(decided.verdict));
      for (const outcome of [decided.pair.a, decided.pair.b]) {
        const what = outcome.ok ? `${opts.metric} = ${outcome.metrics[opts.metric]}` : `${outcome.error.kind}: ${outcome.error.message}`;
        ctx.io.stdout(`replay ${outcome.label}: ${what} (${(outcome.durationMs / 1000).toFixed(1)} s)\n`);
      }
      if (outPath !== undefined) ctx.io.stdout(`artefact: ${outPath}\n`);
    }
    ctx.setExitCode(verdictExitCode(decided.verdict.verdict));
  });
}
