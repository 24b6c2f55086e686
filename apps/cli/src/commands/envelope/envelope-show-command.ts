import type { Command } from 'commander';
import type { CommandContext } from '../../command-context.js';
import { addStoreOptions, type StoreFlags } from '../../store/store-options.js';

// `envelope measure` renders with these; they live in render-eps-prod.ts (type-only imports, no package code).
export { envelopeFlagName, epsProdJson, renderEpsProd } from './render-eps-prod.js';

export interface ShowOptions extends StoreFlags {
  imageSha: string;
  cell: string;
  metric: string;
  json?: boolean;
}

/**
 * `repro envelope show --image-sha SHA --cell C --metric M [--json]` → `{present: false}` or
 * `{present: true, image_sha, cell, metric, status, eps_prod, reason, n, method, coverage, confidence,
 * mean, sd, samples, measured_at}` (non-finite samples as "NaN"/"Infinity"/"-Infinity"). Exit 0 either way.
 */
export function registerEnvelopeShowCommand(envelope: Command, ctx: CommandContext): void {
  addStoreOptions(envelope.command('show').description('the stored eps_prod of (production image SHA, cell, metric)'))
    .requiredOption('--image-sha <sha>', 'the production image SHA')
    .requiredOption('--cell <cell>', 'the training cell')
    .requiredOption('--metric <metric>', 'the metric name')
    .option('--json', 'print the stored record as one JSON document')
    .action(async (opts: ShowOptions) => (await import('./envelope-show-action.js')).runEnvelopeShow(ctx, opts));
}
