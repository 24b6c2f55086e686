import type { Command } from 'commander';
import type { CommandContext } from '../../command-context.js';
import { EXIT } from '../../exit-codes.js';
import { printJson } from '../../output/print-json.js';
import { renderKeyValues, renderTable } from '../../output/render-table.js';
import { withStoreFromCli } from '../../store/open-store-from-cli.js';
import { addStoreOptions, type StoreFlags } from '../../store/store-options.js';
import { renderInspection } from './render-inspection.js';

interface StatusOptions extends StoreFlags {
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
    .action(async (opts: StatusOptions) => {
      await withStoreFromCli(
        ctx,
        opts,
        async (store) => {
          const status = await store.migrationStatus();
          const p0 = await store.inspectSchema();
          const problem = status.problem === null ? null : { kind: status.problem.kind, version: status.problem.version, message: status.problem.message };
          const report = { backend: store.backend, target: store.target, schema: store.schema, migrations: { applied: status.applied, pending: status.pending, problem }, p0 };
          if (opts.json) printJson(ctx.io, report);
          else {
            ctx.io.stdout(
              renderKeyValues([
                ['backend', store.backend],
                ['target', store.target],
                ['schema', store.schema],
                ['migrations', `${status.applied.length} applied, ${status.pending.length} pending${status.pending.length > 0 ? ' (run: repro db migrate)' : ''}`],
              ]),
            );
            const rows = [
              ...status.applied.map((m) => [m.version, m.name, `applied ${m.applied_at}`, m.checksum.slice(0, 12)]),
              ...status.pending.map((m) => [m.version, m.name, 'pending', null]),
            ];
            if (rows.length > 0) ctx.io.stdout(`\n${renderTable(['version', 'name', 'state', 'checksum'], rows)}`);
            ctx.io.stdout(`\n${renderInspection(p0)}`);
          }
          if (problem !== null) {
            ctx.io.stderr(`repro: ${problem.message}\n`);
            ctx.setExitCode(EXIT.SERVICE_UNAVAILABLE);
          }
        },
        { prepare: 'as-is' },
      );
    });
}
