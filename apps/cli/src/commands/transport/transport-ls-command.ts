import type { Command } from 'commander';
import type { CommandContext } from '../../command-context.js';
import { printJson } from '../../output/print-json.js';
import { renderTable } from '../../output/render-table.js';
import { openTransport, STORE_OPTION_HELP } from './open-transport.js';
import { transportCliError } from './transport-cli-errors.js';

/** `repro transport ls --run R [--json]` → `[{pod, key, bytes}]`. */
export function registerTransportLsCommand(transport: Command, ctx: CommandContext): void {
  transport
    .command('ls')
    .description('list the pod blobs of a run (without loading them)')
    .requiredOption('--run <run_id>', 'run id')
    .option('--store <uri>', STORE_OPTION_HELP)
    .option('--json', 'print [{pod, key, bytes}]')
    .action(async (opts: { run: string; store?: string; json?: boolean }) => {
      const { transport: t } = openTransport(ctx, opts, { run: opts.run });
      let entries: Awaited<ReturnType<typeof t.list>>;
      try {
        entries = await t.list(opts.run);
      } catch (error) {
        throw transportCliError(error);
      }
      if (opts.json) return printJson(ctx.io, entries);
      ctx.io.stdout(renderTable(['pod', 'key', 'bytes'], entries.map((e) => [e.pod, e.key, e.bytes])));
    });
}
