import type { CommandContext } from '../../command-context.js';
import { printJson } from '../../output/print-json.js';
import { renderTable } from '../../output/render-table.js';
import { withStoreFromCli } from '../../store/open-store-from-cli.js';
import { canonicalFlagName } from './canonical-flag-names.js';
import type { HistoryOptions } from './canonical-history-command.js';

/** Every promotion of a (cell, metric), newest first. */
export async function runCanonicalHistory(ctx: CommandContext, opts: HistoryOptions): Promise<void> {
  await withStoreFromCli(
    ctx,
    opts,
    async (store) => {
      const history = await store.canonicalHistory(opts.cell, opts.metric);
      if (opts.json) printJson(ctx.io, history);
      else if (history.length === 0) ctx.io.stdout(`no canonical has been promoted for cell ${opts.cell}, metric ${opts.metric}\n`);
      else {
        ctx.io.stdout(
          renderTable(
            ['run_id', 'value', 'promoted_at', 'demoted_at', 'build_sha', 'instance_type'],
            history.map((h) => [h.run_id, h.value, h.promoted_at, h.demoted_at ?? 'current', h.provenance.build_sha, h.provenance.instance_type]),
          ),
        );
      }
    },
    { fieldName: canonicalFlagName },
  );
}
