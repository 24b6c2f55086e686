import { measureProdEnvelope } from '@repro/verdict-core';
import type { CommandContext } from '../../command-context.js';
import { parseNumberList, parseProbability } from '../../input/parse-number-list.js';
import { printJson } from '../../output/print-json.js';
import { withStoreFromCli } from '../../store/open-store-from-cli.js';
import type { PutOptions } from './envelope-put-command.js';
import { envelopeFlagName, epsProdJson, renderEpsProd } from './render-eps-prod.js';

/** Measure eps_prod from the given runs and store it under (image SHA, cell, metric). */
export async function runEnvelopePut(ctx: CommandContext, opts: PutOptions): Promise<void> {
  const samples = parseNumberList('--values', opts.values);
  const coverage = parseProbability('--coverage', opts.coverage);
  const confidence = parseProbability('--confidence', opts.confidence);
  const envelopeResult = measureProdEnvelope(samples, { coverage, confidence, method: opts.method });
  await withStoreFromCli(
    ctx,
    opts,
    async (store) => {
      const { replaced, ...record } = await store.putEpsProd({ image_sha: opts.imageSha, cell: opts.cell, metric: opts.metric, ...envelopeResult, samples });
      if (opts.json) printJson(ctx.io, epsProdJson({ present: true, ...record }));
      else {
        ctx.io.stdout(`${replaced ? 'replaced' : 'stored'} eps_prod for image ${record.image_sha}, cell ${record.cell}, metric ${record.metric}\n`);
        ctx.io.stdout(renderEpsProd({ imageSha: opts.imageSha, cell: opts.cell, metric: opts.metric }, { present: true, ...record }));
      }
    },
    { fieldName: envelopeFlagName },
  );
}
