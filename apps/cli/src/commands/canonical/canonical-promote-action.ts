import type { CommandContext } from '../../command-context.js';
import { printJson } from '../../output/print-json.js';
import { withStoreFromCli } from '../../store/open-store-from-cli.js';
import { canonicalFlagName } from './canonical-flag-names.js';
import type { PromoteOptions } from './canonical-promote-command.js';

/** Promote a recorded run to the canonical of its (cell, metric). */
export async function runCanonicalPromote(ctx: CommandContext, opts: PromoteOptions): Promise<void> {
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
}
