import { invalidInput } from '../../cli-error.js';
import type { CommandContext } from '../../command-context.js';
import { printJson } from '../../output/print-json.js';
import { withStoreFromCli } from '../../store/open-store-from-cli.js';
import { mappingFieldName, parseColumnMap } from '../../store/parse-column-map.js';
import { canonicalFlagName } from './canonical-flag-names.js';
import type { ShowOptions } from './canonical-show-command.js';
import { renderCanonical } from './render-canonical.js';

/** The canonical of a (cell, metric), from the store or a mapped results table. */
export async function runCanonicalShow(ctx: CommandContext, opts: ShowOptions): Promise<void> {
  if ((opts.table === undefined) !== (opts.map === undefined)) throw invalidInput('--table and --map go together', { error: 'invalid_flag', flag: opts.table === undefined ? '--map' : '--table' });
  const mapping = opts.table === undefined ? undefined : parseColumnMap(opts.table, opts.map!);
  await withStoreFromCli(
    ctx,
    opts,
    async (store) => {
      const lookup = await store.getCanonical(opts.cell, opts.metric, { mapping });
      if (opts.json) printJson(ctx.io, lookup);
      else ctx.io.stdout(renderCanonical(opts.cell, opts.metric, lookup));
    },
    { prepare: mapping === undefined ? 'ready' : 'as-is', fieldName: (field) => canonicalFlagName(mappingFieldName(field)) },
  );
}
