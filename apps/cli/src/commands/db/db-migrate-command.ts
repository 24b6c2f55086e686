import type { Command } from 'commander';
import type { CommandContext } from '../../command-context.js';
import { addStoreOptions, type StoreFlags } from '../../store/store-options.js';

export interface MigrateOptions extends StoreFlags {
  json?: boolean;
}

/**
 * `repro db migrate [--json]`: applies the pending migrations in one transaction under an advisory lock
 * (several processes at once are safe). Refuses (exit 3) when an applied migration changed.
 */
export function registerDbMigrateCommand(db: Command, ctx: CommandContext): void {
  addStoreOptions(db.command('migrate').description('apply the pending migrations of the store schema (safe to run concurrently)'))
    .option('--json', 'print {backend, target, schema, applied, migrations} as one JSON document')
    .action(async (opts: MigrateOptions) => (await import('./db-migrate-action.js')).runDbMigrate(ctx, opts));
}
