import { assessObservation, measureProdEnvelope, observationSchema } from '@repro/verdict-core';
import type { Command } from 'commander';
import type { CommandContext } from '../../command-context.js';
import { printJson } from '../../output/print-json.js';
import { formatNumber, renderTable } from '../../output/render-table.js';
import { DEMO_IMAGE_SHA, DEMO_PRODUCTION_RUNS, demoScenarios } from './demo-scenarios.js';

/** Registers `repro demo`: the decision on built-in scenarios, one per verdict path, printed readably. */
export function registerDemoCommands(program: Command, ctx: CommandContext): void {
  program
    .command('demo')
    .description('run the verdict decision on built-in scenarios (one per verdict path) and print them')
    .option('--json', 'print {envelope, verdicts} as one JSON document')
    .action((opts: { json?: boolean }) => {
      const envelope = measureProdEnvelope(DEMO_PRODUCTION_RUNS);
      const epsProd = envelope.status === 'measured' ? { value: envelope.eps_prod, image_sha: DEMO_IMAGE_SHA } : null;
      const decidedAt = ctx.now().toISOString();
      const scenarios = demoScenarios(epsProd);
      const verdicts = scenarios.map((s) => assessObservation(observationSchema.parse(s.observation), { decidedAt }).verdict);
      if (opts.json) {
        printJson(ctx.io, { envelope, verdicts });
        return;
      }
      const lines = [
        'Repro demo: one cell (defi_top5/fold-3, metric f1_buy), replayed twice in fresh processes and',
        'compared with its stored canonical run. Each scenario changes one thing.',
        '',
        `eps_prod from ${envelope.n} production runs (${envelope.method}, ${envelope.coverage}/${envelope.confidence}): ${envelope.eps_prod === null ? 'unmeasured' : formatNumber(envelope.eps_prod)}  [image ${DEMO_IMAGE_SHA}]`,
        '',
        renderTable(
          ['scenario', 'verdict', 'cause / reason', '|a−b|', '|a−canon|', 'P0'],
          verdicts.map((v, i) => [scenarios[i]!.title, v.verdict, v.cause ?? v.reason, v.det_delta, v.canon_delta, v.parity_state]),
        ),
        'Decide your own: repro verdict decide --input observation.json   (repro verdict decide --help)',
        '',
      ];
      ctx.io.stdout(lines.join('\n'));
    });
}
