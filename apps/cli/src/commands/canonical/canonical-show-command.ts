import type { Command } from 'commander';
import type { CommandContext } from '../../command-context.js';
import { addStoreOptions, type StoreFlags } from '../../store/store-options.js';

export interface ShowOptions extends StoreFlags {
  cell: string;
  metric: string;
  table?: string;
  map?: string;
  json?: boolean;
}

/**
 * `repro canonical show --cell C --metric M [--table T --map …] [--json]` → `{present: false}` or
 * `{present: true, run_id, value, provenance}` with every P0 dimension, null where not held. With
 * --table/--map it reads an existing results table (read-only). No canonical is not an error (exit 0).
 */
export function registerCanonicalShowCommand(canonical: Command, ctx: CommandContext): void {
  addStoreOptions(canonical.command('show').description('the canonical run of a (cell, metric) and its P0 provenance'))
    .requiredOption('--cell <cell>', 'the training cell')
    .requiredOption('--metric <metric>', 'the metric name')
    .option('--table <table>', 'read an existing results table instead of the store (with --map; see repro db inspect)')
    .option('--map <pairs>', 'the column mapping of --table: key=column pairs, comma-separated')
    .option('--json', 'print the canonical lookup as one JSON document')
    .action(async (opts: ShowOptions) => (await import('./canonical-show-action.js')).runCanonicalShow(ctx, opts));
}
