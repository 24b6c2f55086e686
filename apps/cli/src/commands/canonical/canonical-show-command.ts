import type { Command } from 'commander';
import { invalidInput } from '../../cli-error.js';
import type { CommandContext } from '../../command-context.js';
import { printJson } from '../../output/print-json.js';
import { withStoreFromCli } from '../../store/open-store-from-cli.js';
import { mappingFieldName, parseColumnMap } from '../../store/parse-column-map.js';
import { addStoreOptions, type StoreFlags } from '../../store/store-options.js';
import { canonicalFlagName } from './canonical-flag-names.js';
import { renderCanonical } from './render-canonical.js';

interface ShowOptions extends StoreFlags {
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
    .action(async (opts: ShowOptions) => {
      if ((opts.table === undefined) !== (opts.map === undefined)) throw invalidInput('--table and --map go together', { error: 'invalid_flag', flag: opts.table === undefined ? '--map' : '--table' });
      const mapping = opts.table === undefined ? undefined : parseColumnMap(opts.table, opts.map!);
      await withStoreFromCli(
        ctx,
        opts,
        async (store) => {
          const lookup = await store.getCanonical(opts.cell, opts.metric, { mapping });
          if (opts.json) printJson(ctx.io, lookup);
          else ctx.io.stdout(renderCanonical(opts.cell, opts.metric, lookup));
        },
        { prepare: mapping === undefined ? 'ready' : 'as-is', fieldName: (field) => canonicalFlagName(mappingFieldName(field)) },
      );
    });
}
