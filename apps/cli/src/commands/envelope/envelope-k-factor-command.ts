import { normalToleranceFactor } from '@repro/verdict-core';
import type { Command } from 'commander';
import type { CommandContext } from '../../command-context.js';
import { parseIntegerList, parseProbabilityList } from '../../input/parse-number-list.js';
import { printJson } from '../../output/print-json.js';
import { renderTable } from '../../output/render-table.js';

interface KFactorOptions {
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
    .action((opts: KFactorOptions) => {
      const sizes = parseIntegerList('--n', opts.n, 2);
      const coverages = parseProbabilityList('--coverage', opts.coverage);
      const confidences = parseProbabilityList('--confidence', opts.confidence);
      const rows: { n: number; coverage: number; confidence: number; k: number }[] = [];
      for (const n of sizes)
        for (const coverage of coverages)
          for (const confidence of confidences) rows.push({ n, coverage, confidence, k: normalToleranceFactor(n, coverage, confidence) });
      if (opts.json) printJson(ctx.io, rows);
      else ctx.io.stdout(renderTable(['n', 'coverage', 'confidence', 'k'], rows.map((r) => [r.n, r.coverage, r.confidence, r.k.toFixed(6)])));
    });
}
