import type { Command } from 'commander';
import type { CommandContext } from '../../command-context.js';

export interface KFactorOptions {
  n: string;
  coverage: string;
  confidence: string;
  json?: boolean;
}

/** `repro envelope k-factor --n … --coverage … --confidence … [--json]` → `[{n, coverage, confidence, k}]` over the cartesian product. */
export function registerEnvelopeKFactorCommand(envelope: Command, ctx: CommandContext): void {
  envelope
    .command('k-factor')
    .description('one-sided normal tolerance factors k (U = mean + k·s), exact via the noncentral t quantile')
    .requiredOption('--n <list>', 'sample sizes, comma-separated integers ≥ 2')
    .requiredOption('--coverage <list>', 'coverages p, comma-separated, each in (0, 1)')
    .requiredOption('--confidence <list>', 'confidences γ, comma-separated, each in (0, 1)')
    .option('--json', 'print the array as one JSON document')
    .action(async (opts: KFactorOptions) => (await import('./envelope-k-factor-action.js')).runEnvelopeKFactor(ctx, opts));
}
