import type { CommandContext } from '../../command-context.js';
import { printJson } from '../../output/print-json.js';
import { withStoreFromCli } from '../../store/open-store-from-cli.js';
import type { ShowOptions } from './envelope-show-command.js';
import { envelopeFlagName, epsProdJson, renderEpsProd } from './render-eps-prod.js';

/** The stored eps_prod of (image SHA, cell, metric). */
export async function runEnvelopeShow(ctx: CommandContext, opts: ShowOptions): Promise<void> {
  await withStoreFromCli(
    ctx,
    opts,
    async (store) => {
      const lookup = await store.getEpsProd(opts.imageSha, opts.cell, opts.metric);
      if (opts.json) printJson(ctx.io, epsProdJson(lookup));
      else ctx.io.stdout(renderEpsProd(opts, lookup));
    },
    { fieldName: envelopeFlagName },
  );
}
