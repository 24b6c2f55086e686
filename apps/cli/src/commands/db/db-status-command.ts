import type { Command } from 'commander';
import type { CommandContext } from '../../command-context.js';
import { addStoreOptions, type StoreFlags } from '../../store/store-options.js';

export interface StatusOptions extends StoreFlags {
  json?: boolean;
}

/**
 * `repro db status [--json]` → `{backend, target, schema, migrations: {applied, pending, problem}, p0}`:
 * what is applied, what is pending, and which P0 dimensions the store persists (the gate). Changes
 * nothing. Exit 0; 3 when the runner would refuse (an applied migration changed or is unknown).
 */
export function registerDbStatusCommand(db: Command, ctx: CommandContext): void {
  addStoreOptions(db.command('status').description('applied and pending migrations, the backend, and the P0 coverage / gate'))
    .option('--json', 'print the status as one JSON document')
    .action(async (opts: StatusOptions) => (await import('./db-status-action.js')).runDbStatus(ctx, opts));
}
