import type { Command } from 'commander';
import type { CommandContext } from '../../command-context.js';
import { printJson } from '../../output/print-json.js';
import { withStoreFromCli } from '../../store/open-store-from-cli.js';
import { addStoreOptions, type StoreFlags } from '../../store/store-options.js';
import { canonicalFlagName } from './canonical-flag-names.js';

interface PromoteOptions extends StoreFlags {
  runId: string;
  json?: boolean;
}

/** `repro canonical promote --run-id R [--json]` → `{run_id, cell, metric, changed, demoted_run_id}`; an unknown run → exit 2. */
export function registerCanonicalPromoteCommand(canonical: Command, ctx: CommandContext): void {
  addStoreOptions(canonical.command('promote').description('make a recorded run the canonical of its (cell, metric), demoting the previous one in the same transaction'))
    .requiredOption('--run-id <id>', 'the recorded run to promote')
    .option('--json', 'print the promotion as one JSON document')
    .action(async (opts: PromoteOptions) => {
      await withStoreFromCli(
        ctx,
        opts,
        async (store) => {
          const promotion = await store.promoteCanonical(opts.runId);
          if (opts.json) printJson(ctx.io, promotion);
          else if (!promotion.changed) ctx.io.stdout(`${promotion.run_id} already is the canonical of (${promotion.cell}, ${promotion.metric})\n`);
          else ctx.io.stdout(`${promotion.run_id} is the canonical of (${promotion.cell}, ${promotion.metric})${promotion.demoted_run_id === null ? '' : `; demoted ${promotion.demoted_run_id}`}\n`);
        },
        { fieldName: canonicalFlagName },
      );
    });
}
