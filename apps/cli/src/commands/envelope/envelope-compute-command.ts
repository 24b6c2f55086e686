import { ENVELOPE_METHODS, type EnvelopeMethod, measureProdEnvelope } from '@repro/verdict-core';
import { type Command, Option } from 'commander';
import type { CommandContext } from '../../command-context.js';
import { parseNumberList, parseProbability } from '../../input/parse-number-list.js';
import { printJson } from '../../output/print-json.js';
import { renderKeyValues } from '../../output/render-table.js';

interface ComputeOptions {
  values: string;
  coverage: string;
  confidence: string;
  method: EnvelopeMethod;
  json?: boolean;
}

const UNMEASURED_EXPLANATION: Record<string, string> = {
  too_few_samples: 'fewer than 10 production runs: no bound is claimed',
  non_finite_sample: 'a sample is NaN or infinite',
  too_few_pairs: 'too few disjoint pairs for the nonparametric (Wilks) bound at this coverage and confidence',
  non_finite_spread: 'the spread of the samples is so wide that the bound overflows float64',
};

/**
 * `repro envelope compute --values … [--coverage] [--confidence] [--method] [--json]` → `{status,
 * eps_prod, n, method, coverage, confidence, mean, sd, reason?}`. An unmeasured envelope is a result
 * (exit 0), never a number.
 */
export function registerEnvelopeComputeCommand(envelope: Command, ctx: CommandContext): void {
  envelope
    .command('compute')
    .description('eps_prod from N production-config runs: an upper tolerance bound on |X − X′| between two production runs')
    .requiredOption('--values <list>', 'the metric of each production run, comma-separated (N ≥ 10)')
    .option('--coverage <p>', 'the quantile p of |X − X′| to bound', '0.95')
    .option('--confidence <γ>', 'confidence of the bound', '0.95')
    .addOption(new Option('--method <method>', 'pairwise-normal (exact under normality) or nonparametric (Wilks, needs many runs)').choices(ENVELOPE_METHODS).default('pairwise-normal'))
    .option('--json', 'print the result as one JSON document')
    .action((opts: ComputeOptions) => {
      const values = parseNumberList('--values', opts.values);
      const coverage = parseProbability('--coverage', opts.coverage);
      const confidence = parseProbability('--confidence', opts.confidence);
      const result = measureProdEnvelope(values, { coverage, confidence, method: opts.method });
      if (opts.json) {
        printJson(ctx.io, result);
        return;
      }
      ctx.io.stdout(
        renderKeyValues([
          ['status', result.status],
          ['eps_prod', result.eps_prod],
          ...(result.status === 'unmeasured' ? ([['reason', `${result.reason}: ${UNMEASURED_EXPLANATION[result.reason]}`]] as const) : []),
          ['n', result.n],
          ['method', result.method],
          ['coverage', result.coverage],
          ['confidence', result.confidence],
          ['mean', result.mean],
          ['sd', result.sd],
        ]),
      );
    });
}
