import { type Command, Option } from 'commander';
import type { CommandContext } from '../../command-context.js';
import { ENVELOPE_METHOD_NAMES, type EnvelopeMethodName } from './envelope-methods.js';

export interface ComputeOptions {
  values: string;
  coverage: string;
  confidence: string;
  method: EnvelopeMethodName;
  json?: boolean;
}

/**
 * `repro envelope compute --values … [--coverage] [--confidence] [--method] [--json]` → `{status,
 * eps_prod, n, method, coverage, confidence, mean, sd, reason?}`. An unmeasured envelope is a result
 * (exit 0), never a number.
 */
export function registerEnvelopeComputeCommand(envelope: Command, ctx: CommandContext): void {
  envelope
    .command('compute')
    .description('eps_prod from N production-config runs: an upper tolerance bound on |X − X′| between two production runs')
    .requiredOption('--values <list>', 'the metric of each production run, comma-separated decimals (N ≥ 10)')
    .option('--coverage <p>', 'the quantile p of |X − X′| to bound', '0.95')
    .option('--confidence <γ>', 'confidence of the bound', '0.95')
    .addOption(new Option('--method <method>', 'pairwise-normal (exact under normality) or nonparametric (Wilks, needs many runs)').choices(ENVELOPE_METHOD_NAMES).default('pairwise-normal'))
    .option('--json', 'print the result as one JSON document')
    .action(async (opts: ComputeOptions) => (await import('./envelope-compute-action.js')).runEnvelopeCompute(ctx, opts));
}
