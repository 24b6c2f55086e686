import { measureProdEnvelope } from '@repro/verdict-core';
import type { CommandContext } from '../../command-context.js';
import { parseNumberList, parseProbability } from '../../input/parse-number-list.js';
import { printJson } from '../../output/print-json.js';
import { renderKeyValues } from '../../output/render-table.js';
import type { ComputeOptions } from './envelope-compute-command.js';

const UNMEASURED_EXPLANATION: Record<string, string> = {
  too_few_samples: 'fewer than 10 production runs: no bound is claimed',
  non_finite_sample: 'a sample is NaN or infinite',
  too_few_pairs: 'too few disjoint pairs for the nonparametric (Wilks) bound at this coverage and confidence',
  non_finite_spread: 'the spread of the samples is so wide that the bound overflows float64',
};

/** eps_prod from the given production runs (no store). */
export async function runEnvelopeCompute(ctx: CommandContext, opts: ComputeOptions): Promise<void> {
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
      ...(result.status === 'unmeasured' ? ([['reason', `${result.reason}: ${UNMEASURED_EXPLANATION[result.reason] ?? result.reason}`]] as const) : []),
      ['n', result.n],
      ['method', result.method],
      ['coverage', result.coverage],
      ['confidence', result.confidence],
      ['mean', result.mean],
      ['sd', result.sd],
    ]),
  );
}
