import type { Command } from 'commander';
import type { CommandContext } from '../../command-context.js';
import { printJson } from '../../output/print-json.js';
import { renderTable } from '../../output/render-table.js';
import { withStoreFromCli } from '../../store/open-store-from-cli.js';
import { addStoreOptions, type StoreFlags } from '../../store/store-options.js';
import { canonicalFlagName } from './canonical-flag-names.js';

interface HistoryOptions extends StoreFlags {
  cell: string;
  metric: string;
  json?: boolean;
}

/** `repro canonical history --cell C --metric M [--json]` → every promotion, newest first (the current one has demoted_at null). */
export function registerCanonicalHistoryCommand(canonical: Command, ctx: CommandContext): void {
  addStoreOptions(canonical.command('history').description('every canonical a (cell, metric) has had, newest first'))
    .requiredOption('--cell <cell>', 'the training cell')
    .requiredOption('--metric <metric>', 'the metric name')
    .option('--json', 'print the history as one JSON array')
    .action(async (opts: HistoryOptions) => {
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
    });
}
