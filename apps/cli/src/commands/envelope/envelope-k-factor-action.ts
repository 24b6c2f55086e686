import { normalToleranceFactor } from '@repro/verdict-core';
import type { CommandContext } from '../../command-context.js';
import { parseIntegerList, parseProbabilityList } from '../../input/parse-number-list.js';
import { printJson } from '../../output/print-json.js';
import { renderTable } from '../../output/render-table.js';
import type { KFactorOptions } from './envelope-k-factor-command.js';

/** Exact one-sided normal tolerance factors over the cartesian product of the lists. */
export async function runEnvelopeKFactor(ctx: CommandContext, opts: KFactorOptions): Promise<void> {
  const sizes = parseIntegerList('--n', opts.n, 2);
  const coverages = parseProbabilityList('--coverage', opts.coverage);
  const confidences = parseProbabilityList('--confidence', opts.confidence);
  const rows: { n: number; coverage: number; confidence: number; k: number }[] = [];
  for (const n of sizes)
    for (const coverage of coverages)
      for (const confidence of confidences) rows.push({ n, coverage, confidence, k: normalToleranceFactor(n, coverage, confidence) });
  if (opts.json) printJson(ctx.io, rows);
  else ctx.io.stdout(renderTable(['n', 'coverage', 'confidence', 'k'], rows.map((r) => [r.n, r.coverage, r.confidence, r.k])));
}
