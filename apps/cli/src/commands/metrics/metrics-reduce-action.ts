import {
  formatPrometheus,
  formatStepJsonLine,
  parseLedgerDump,
  parseMetricsDump,
  parseReductionSpec,
  parseStreamMixingDump,
  type ReducedStepRecord,
  reduceLedgerDumps,
  reduceMetricsDumps,
  reduceStreamMixingDumps,
} from '@repro/metrics-reduce';
import { invalidInput } from '../../cli-error.js';
import type { CommandContext } from '../../command-context.js';
import { inputName, parseJsonInput, readInputText } from '../../input/read-input.js';
import { printJson } from '../../output/print-json.js';
import { metricsCliError } from './metrics-cli-errors.js';
import type { ReduceOptions } from './metrics-reduce-command.js';

/** Reduce per-rank dumps step by step and print JSON Lines or the Prometheus exposition of the last step. */
export async function runMetricsReduce(ctx: CommandContext, files: string[], opts: ReduceOptions): Promise<void> {
  if (opts.spec !== undefined && opts.family !== undefined) throw invalidInput('--spec and --family are exclusive: a family has its own reduction', { error: 'invalid_flag', flag: '--family' });
  if ([...files, opts.spec].filter((file) => file === '-').length > 1) throw invalidInput('stdin (-) can be read only once: give at most one of the RANK_FILEs and --spec as -', { error: 'invalid_flag', flag: '-' });
  const emit = (event: { event: string }) => ctx.emitEvent(event);
  let steps: ReducedStepRecord[];
  try {
    const texts = await Promise.all(files.map((file) => readInputText(ctx, file)));
    if (opts.family === 'stream-mixing') {
      steps = reduceStreamMixingDumps(
        texts.map((text, i) => parseStreamMixingDump(text, inputName(files[i]!))),
        { emit },
      );
    } else if (opts.family === 'ledger') {
      steps = reduceLedgerDumps(
        texts.map((text, i) => parseLedgerDump(text, inputName(files[i]!))),
        { emit },
      );
    } else {
      const spec = opts.spec === undefined ? {} : parseReductionSpec(parseJsonInput(opts.spec, await readInputText(ctx, opts.spec)), inputName(opts.spec));
      steps = reduceMetricsDumps(
        texts.map((text, i) => parseMetricsDump(text, inputName(files[i]!))),
        spec,
        { emit },
      );
    }
  } catch (error) {
    throw metricsCliError(error);
  }
  if (opts.json) {
    if (opts.format === 'prometheus') throw invalidInput('--json prints the steps as JSON: it excludes --format prometheus', { error: 'invalid_flag', flag: '--format' });
    printJson(
      ctx.io,
      steps.map((step) => JSON.parse(formatStepJsonLine(step.step, step))),
    );
  } else if (opts.format === 'prometheus') {
    const last = steps.at(-1);
    if (last !== undefined) ctx.io.stdout(formatPrometheus(last, last.step));
  } else {
    for (const step of steps) ctx.io.stdout(`${formatStepJsonLine(step.step, step)}\n`);
  }
}
