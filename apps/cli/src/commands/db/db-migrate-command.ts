import type { Command } from 'commander';
import type { CommandContext } from '../../command-context.js';
import { printJson } from '../../output/print-json.js';
import { withStoreFromCli } from '../../store/open-store-from-cli.js';
import { addStoreOptions, type StoreFlags } from '../../store/store-options.js';

interface MigrateOptions extends StoreFlags {
  json?: boolean;
}

/**
 * `repro db migrate [--json]`: applies the pending migrations in one transaction under an advisory lock
 * (several processes at once are safe). Refuses (exit 3) when an applied migration changed.
 */
export function registerDbMigrateCommand(db: Command, ctx: CommandContext): void {
  addStoreOptions(db.command('migrate').description('apply the pending migrations of the store schema (safe to run concurrently)'))
    .option('--json', 'print {backend, target, schema, applied, migrations} as one JSON document')
    .action(async (opts: MigrateOptions) => {
      await withStoreFromCli(
        ctx,
        opts,
        async (store) => {
          const { applied, status } = await store.migrate();
          if (opts.json) {
            printJson(ctx.io, { backend: store.backend, target: store.target, schema: store.schema, applied, migrations: { applied: status.applied, pending: status.pending } });
            return;
          }
          const where = `${store.target} (schema ${store.schema})`;
          ctx.io.stdout(
            applied.length === 0
              ? `${where}: up to date, ${status.applied.length} migration(s) applied\n`
              : `${where}: applied ${applied.map((m) => `${m.version} ${m.name}`).join(', ')}\n`,
          );
        },
        { prepare: 'as-is' },
      );
    });
}
