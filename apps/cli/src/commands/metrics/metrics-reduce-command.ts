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
import { type Command, Option } from 'commander';
import { invalidInput } from '../../cli-error.js';
import type { CommandContext } from '../../command-context.js';
import { inputName, parseJsonInput, readInputText } from '../../input/read-input.js';
import { metricsCliError } from './metrics-cli-errors.js';

interface ReduceOptions {
  spec?: string;
  family?: 'stream-mixing' | 'ledger';
  format: 'jsonl' | 'prometheus';
}

/**
 * `repro metrics reduce [--spec SPEC.json | --family stream-mixing|ledger] [--format jsonl|prometheus] RANK_FILE…`:
 * each RANK_FILE is one rank's JSON Lines dump; prints one `{"step": N, "metrics": {…}}` line per step
 * (jsonl), or the Prometheus text exposition of the last step. A RANK_FILE (or the spec) may be `-`,
 * stdin, once. Events (dropped non-finite values, omitted keys) go to stderr through ctx.emitEvent
 * (a pino JSON line, or logfmt). Malformed input → exit 2 naming file and line.
 */
export function registerMetricsReduceCommand(metrics: Command, ctx: CommandContext): void {
  metrics
    .command('reduce')
    .description('reduce per-rank metric dumps (JSON Lines) across ranks, step by step, by a reduction spec or a metric family')
    .argument('<rank_files...>', "one file per rank: JSON Lines of {\"step\": N, \"metrics\": {…}} (or the family's record)")
    .option('--spec <file>', 'reduction spec (JSON): {missing, non_finite, keys: {key|pattern: rule}}; default: every key by mean, missing=error')
    .addOption(new Option('--family <family>', 'reduce a metric family instead of generic metrics').choices(['stream-mixing', 'ledger']))
    .addOption(new Option('--format <format>', 'output format').choices(['jsonl', 'prometheus']).default('jsonl'))
    .action(async (files: string[], opts: ReduceOptions) => {
      if (opts.spec !== undefined && opts.family !== undefined) throw invalidInput('--spec and --family are exclusive: a family has its own reduction');
      if ([...files, opts.spec].filter((file) => file === '-').length > 1) throw invalidInput('stdin (-) can be read only once: give at most one of the RANK_FILEs and --spec as -');
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
        if (opts.format === 'prometheus') {
          const last = steps.at(-1);
          if (last !== undefined) ctx.io.stdout(formatPrometheus(last, last.step));
        } else {
          for (const step of steps) ctx.io.stdout(`${formatStepJsonLine(step.step, step)}\n`);
        }
      } catch (error) {
        throw metricsCliError(error);
      }
    });
}
