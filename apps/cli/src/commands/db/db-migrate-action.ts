import type { CommandContext } from '../../command-context.js';
import { printJson } from '../../output/print-json.js';
import { withStoreFromCli } from '../../store/open-store-from-cli.js';
import type { MigrateOptions } from './db-migrate-command.js';

/** Apply the pending migrations of the store schema. */
export async function runDbMigrate(ctx: CommandContext, opts: MigrateOptions): Promise<void> {
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
}
