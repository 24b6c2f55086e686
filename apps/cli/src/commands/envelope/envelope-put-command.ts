import { ENVELOPE_METHODS, type EnvelopeMethod, measureProdEnvelope } from '@repro/verdict-core';
import { type Command, Option } from 'commander';
import type { CommandContext } from '../../command-context.js';
import { parseNumberList, parseProbability } from '../../input/parse-number-list.js';
import { printJson } from '../../output/print-json.js';
import { withStoreFromCli } from '../../store/open-store-from-cli.js';
import { addStoreOptions, type StoreFlags } from '../../store/store-options.js';
import { envelopeFlagName, epsProdJson, renderEpsProd } from './envelope-show-command.js';

interface PutOptions extends StoreFlags {
  imageSha: string;
  cell: string;
  metric: string;
  values: string;
  coverage: string;
  confidence: string;
  method: EnvelopeMethod;
  json?: boolean;
}

/**
 * `repro envelope put --image-sha SHA --cell C --metric M --values v1,v2,… [--method …] [--coverage p]
 * [--confidence γ] [--json]`: measures eps_prod with verdict-core and stores it with its samples under
 * (image SHA, cell, metric), replacing an earlier measurement of that key atomically. An unmeasured
 * envelope (n < 10, a non-finite run) is stored as unmeasured with its reason, exit 0.
 */
export function registerEnvelopePutCommand(envelope: Command, ctx: CommandContext): void {
  addStoreOptions(envelope.command('put').description('measure eps_prod from production-config runs and store it keyed by production image SHA'))
    .requiredOption('--image-sha <sha>', 'the production image SHA the runs were made with (any non-empty string)')
    .requiredOption('--cell <cell>', 'the training cell')
    .requiredOption('--metric <metric>', 'the metric name')
    .requiredOption('--values <list>', 'the metric of each production run, comma-separated (N ≥ 10 for a bound)')
    .option('--coverage <p>', 'the quantile p of |X − X′| to bound', '0.95')
    .option('--confidence <γ>', 'confidence of the bound', '0.95')
    .addOption(new Option('--method <method>', 'pairwise-normal (exact under normality) or nonparametric (Wilks, needs many runs)').choices(ENVELOPE_METHODS).default('pairwise-normal'))
    .option('--json', 'print the stored record as one JSON document')
    .action(async (opts: PutOptions) => {
      const samples = parseNumberList('--values', opts.values);
      const coverage = parseProbability('--coverage', opts.coverage);
      const confidence = parseProbability('--confidence', opts.confidence);
      const envelopeResult = measureProdEnvelope(samples, { coverage, confidence, method: opts.method });
      await withStoreFromCli(
        ctx,
        opts,
        async (store) => {
          const { replaced, ...record } = await store.putEpsProd({
            image_sha: opts.imageSha,
            cell: opts.cell,
            metric: opts.metric,
            ...envelopeResult,
            samples,
          });
          if (opts.json) printJson(ctx.io, epsProdJson({ present: true, ...record }));
          else {
            ctx.io.stdout(`${replaced ? 'replaced' : 'stored'} eps_prod for image ${record.image_sha}, cell ${record.cell}, metric ${record.metric}\n`);
            ctx.io.stdout(renderEpsProd({ imageSha: opts.imageSha, cell: opts.cell, metric: opts.metric }, { present: true, ...record }));
          }
        },
        { fieldName: envelopeFlagName },
      );
    });
}
