import type { Command } from 'commander';
import type { CommandContext } from '../../command-context.js';
import { addStoreOptions, type StoreFlags } from '../../store/store-options.js';

export interface InspectOptions extends StoreFlags {
  table: string;
  map: string;
  json?: boolean;
}

/**
 * `repro db inspect --table T --map run_id=id,value=f1_buy,cell=cell,… [--json]` → the P0 gate report of an
 * existing results table: READY, or INFEASIBLE_UNTIL_SCHEMA with the missing dimensions. Read-only; the
 * table is in the database of --db / DATABASE_URL / the embedded store. Exit 0 either way.
 */
export function registerDbInspectCommand(db: Command, ctx: CommandContext): void {
  addStoreOptions(db.command('inspect').description('which P0 dimensions an existing results table persists, through a column mapping, and the gate'))
    .requiredOption('--table <table>', 'the results table: table or schema.table')
    .requiredOption(
      '--map <pairs>',
      'key=column pairs, comma-separated; keys run_id, cell, value (required), metric, recorded_at, canonical, build_sha, instance_type, feature_versions, artifact_versions, os, lib_versions; key= means no such column',
    )
    .option('--json', 'print the gate report as one JSON document')
    .action(async (opts: InspectOptions) => (await import('./db-inspect-action.js')).runDbInspect(ctx, opts));
}
