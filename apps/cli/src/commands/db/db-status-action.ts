import { CliError } from '../../cli-error.js';
import type { CommandContext } from '../../command-context.js';
import { EXIT } from '../../exit-codes.js';
import { printJson } from '../../output/print-json.js';
import { renderKeyValues, renderTable } from '../../output/render-table.js';
import { withStoreFromCli } from '../../store/open-store-from-cli.js';
import type { StatusOptions } from './db-status-command.js';
import { renderInspection } from './render-inspection.js';

/** Applied and pending migrations, the backend, and the P0 gate. */
export async function runDbStatus(ctx: CommandContext, opts: StatusOptions): Promise<void> {
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
      // The report is printed either way; under --json it is kept as `output` inside the error document.
      if (problem !== null) throw new CliError(problem.message, EXIT.SERVICE_UNAVAILABLE, { error: problem.kind, version: problem.version });
    },
    { prepare: 'as-is' },
  );
}
