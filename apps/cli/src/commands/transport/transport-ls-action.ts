import type { CommandContext } from '../../command-context.js';
import { printJson } from '../../output/print-json.js';
import { renderTable } from '../../output/render-table.js';
import { openTransport } from './open-transport.js';
import { transportCliError } from './transport-cli-errors.js';
import type { LsOptions } from './transport-ls-command.js';

/** The pod blobs of a run, without loading them. */
export async function runTransportLs(ctx: CommandContext, opts: LsOptions): Promise<void> {
  const { transport: t } = openTransport(ctx, opts, { run: opts.run });
  let entries: Awaited<ReturnType<typeof t.list>>;
  try {
    entries = await t.list(opts.run);
  } catch (error) {
    throw transportCliError(error);
  }
  if (opts.json) return printJson(ctx.io, entries);
  ctx.io.stdout(renderTable(['pod', 'key', 'bytes'], entries.map((e) => [e.pod, e.key, e.bytes])));
}
