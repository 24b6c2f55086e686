import { type Command, Option } from 'commander';
import type { CommandContext } from '../../command-context.js';
import { addStoreOptions, type StoreFlags } from '../../store/store-options.js';
import { ENVELOPE_METHOD_NAMES, type EnvelopeMethodName } from './envelope-methods.js';

export interface PutOptions extends StoreFlags {
  imageSha: string;
  cell: string;
  metric: string;
  values: string;
  coverage: string;
  confidence: string;
  method: EnvelopeMethodName;
  json?: boolean;
}

/**
 * `repro envelope put --image-sha SHA --cell C --metric M --values v1,v2,… [--method …] [--coverage p]
 * [--confidence γ] [--json]`: measures eps_prod with verdict-core and stores it with its samples under
 * (image SHA, cell, metric), replacing an earlier measurement of that key atomically. An unmeasured
 * envelope (n < 10) is stored as unmeasured with its reason, exit 0.
 */
export function registerEnvelopePutCommand(envelope: Command, ctx: CommandContext): void {
  addStoreOptions(envelope.command('put').description('measure eps_prod from production-config runs and store it keyed by production image SHA'))
    .requiredOption('--image-sha <sha>', 'the production image SHA the runs were made with (any non-empty string)')
    .requiredOption('--cell <cell>', 'the training cell')
    .requiredOption('--metric <metric>', 'the metric name')
    .requiredOption('--values <list>', 'the metric of each production run, comma-separated decimals (N ≥ 10 for a bound)')
    .option('--coverage <p>', 'the quantile p of |X − X′| to bound', '0.95')
    .option('--confidence <γ>', 'confidence of the bound', '0.95')
    .addOption(new Option('--method <method>', 'pairwise-normal (exact under normality) or nonparametric (Wilks, needs many runs)').choices(ENVELOPE_METHOD_NAMES).default('pairwise-normal'))
    .option('--json', 'print the stored record as one JSON document')
    .action(async (opts: PutOptions) => (await import('./envelope-put-action.js')).runEnvelopePut(ctx, opts));
}
