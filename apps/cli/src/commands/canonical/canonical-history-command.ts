import type { Command } from 'commander';
import type { CommandContext } from '../../command-context.js';
import { addStoreOptions, type StoreFlags } from '../../store/store-options.js';

export interface HistoryOptions extends StoreFlags {
  cell: string;
  metric: string;
  json?: boolean;
}

/** `repro canonical history --cell C --metric M [--json]` → every promotion, newest first (the current one has demoted_at null). */
export function registerCanonicalHistoryCommand(canonical: Command, ctx: CommandContext): void {
  addStoreOptions(canonical.command('history').description('every canonical a (cell, metric) has had, newest first'))
    .requiredOption('--cell <cell>', 'the training cell')
    .requiredOption('--metric <metric>', 'the metric name')
    .option('--json', 'print the history as one JSON array')
    .action(async (opts: HistoryOptions) => (await import('./canonical-history-action.js')).runCanonicalHistory(ctx, opts));
}
