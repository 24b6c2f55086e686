import type { CommandContext } from '../../command-context.js';
import { printJson } from '../../output/print-json.js';
import { withStoreFromCli } from '../../store/open-store-from-cli.js';
import { mappingFieldName, parseColumnMap } from '../../store/parse-column-map.js';
import type { InspectOptions } from './db-inspect-command.js';
import { renderInspection } from './render-inspection.js';

/** The P0 gate report of an existing results table, read through a column mapping. */
export async function runDbInspect(ctx: CommandContext, opts: InspectOptions): Promise<void> {
  const mapping = parseColumnMap(opts.table, opts.map);
  await withStoreFromCli(
    ctx,
    opts,
    async (store) => {
      const inspection = await store.inspectSchema(mapping);
      if (opts.json) printJson(ctx.io, inspection);
      else ctx.io.stdout(renderInspection(inspection));
    },
    { prepare: 'as-is', fieldName: mappingFieldName },
  );
}
