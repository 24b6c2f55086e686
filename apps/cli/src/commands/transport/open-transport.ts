import { checkS43Id, DEFAULT_S43_PREFIX, defaultStoreUri, type OpenedStore, openStore, S43Transport } from '@repro/s43-transport';
import type { CommandContext } from '../../command-context.js';
import { transportCliError } from './transport-cli-errors.js';

export interface StoreOption {
  store?: string;
}

/** Validate ids first (exit 2 before any I/O), then open the store named by --store / $REPRO_STORE / the embedded dir. */
export function openTransport(
  ctx: CommandContext,
  opts: StoreOption,
  ids: { run?: string; pods?: readonly string[] } = {},
  settings: { compressed?: boolean } = {},
): { transport: S43Transport; opened: OpenedStore } {
  try {
    if (ids.run !== undefined) checkS43Id('run_id', ids.run);
    for (const pod of ids.pods ?? []) checkS43Id('pod', pod);
    const uri = opts.store ?? defaultStoreUri(ctx.io.env, ctx.io.cwd);
    const opened = openStore(uri, { env: ctx.io.env, cwd: ctx.io.cwd });
    const transport = new S43Transport({
      store: opened.store,
      prefix: opened.prefix ?? DEFAULT_S43_PREFIX,
      compressed: settings.compressed ?? false,
      // events: one JSON line each on stderr (stdout stays one JSON document under --json)
      emit: (event) => ctx.emitEvent(event),
    });
    return { transport, opened };
  } catch (error) {
    throw transportCliError(error);
  }
}
