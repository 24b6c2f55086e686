import { type Command, Option } from 'commander';
import type { CommandContext } from '../../command-context.js';

export interface ReduceOptions {
  spec?: string;
  family?: 'stream-mixing' | 'ledger';
  format: 'jsonl' | 'prometheus';
  json?: boolean;
}

/**
 * `repro metrics reduce [--spec SPEC.json | --family stream-mixing|ledger] [--format jsonl|prometheus] RANK_FILE…`:
 * each RANK_FILE is one rank's JSON Lines dump; prints one `{"step": N, "metrics": {…}}` line per step
 * (jsonl), or the Prometheus text exposition of the last step. A RANK_FILE (or the spec) may be `-`,
 * stdin, once. Events (dropped non-finite values, omitted keys) go to stderr with --events. Malformed
 * input → exit 2 naming file and line.
 */
export function registerMetricsReduceCommand(metrics: Command, ctx: CommandContext): void {
  metrics
    .command('reduce')
    .description('reduce per-rank metric dumps (JSON Lines) across ranks, step by step, by a reduction spec or a metric family')
    .argument('<rank_files...>', "one file per rank: JSON Lines of {\"step\": N, \"metrics\": {…}} (or the family's record)")
    .option('--spec <file>', 'reduction spec (JSON): {missing, non_finite, keys: {key|pattern: rule}}; default: every key by mean, missing=error')
    .addOption(new Option('--family <family>', 'reduce a metric family instead of generic metrics').choices(['stream-mixing', 'ledger']))
    .addOption(new Option('--format <format>', 'output format').choices(['jsonl', 'prometheus']).default('jsonl'))
    .option('--json', 'print the reduced steps as one JSON array of {step, metrics} (instead of JSON Lines)')
    .action(async (files: string[], opts: ReduceOptions) => (await import('./metrics-reduce-action.js')).runMetricsReduce(ctx, files, opts));
}
