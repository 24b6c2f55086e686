import { type ReplayOutcome, runMany } from '@repro/replay-runner';
import { ENVELOPE_METHODS, type EnvelopeMethod, measureProdEnvelope } from '@repro/verdict-core';
import { type Command, Option } from 'commander';
import { CliError } from '../../cli-error.js';
import type { CommandContext } from '../../command-context.js';
import { EXIT } from '../../exit-codes.js';
import { parseIntegerList, parseProbability } from '../../input/parse-number-list.js';
import { printJson } from '../../output/print-json.js';
import { createProgressReporter } from '../../output/progress-reporter.js';
import { addReplayFlags, type ReplayFlags, replaySpecFromFlags } from '../../replay/replay-flags.js';
import { replayCliError } from '../../replay/replay-cli-error.js';
import { withStoreFromCli } from '../../store/open-store-from-cli.js';
import { addStoreOptions, type StoreFlags } from '../../store/store-options.js';
import { envelopeFlagName, epsProdJson, renderEpsProd } from './envelope-show-command.js';

interface MeasureOptions extends StoreFlags, ReplayFlags {
  cell: string;
  metric: string;
  imageSha: string;
  n: string;
  force?: boolean;
  coverage: string;
  confidence: string;
  method: EnvelopeMethod;
  json?: boolean;
}

/**
 * A run's sample: its metric (NaN/±Inf included: the envelope is then stored as unmeasured,
 * non_finite_sample). Any other failure means the runs cannot be trusted as production runs: nothing is
 * stored and the command fails, naming the runs and why.
 */
function samplesOf(runs: readonly ReplayOutcome[], metric: string): number[] {
  const broken = runs.filter((run) => !run.ok && run.error.kind !== 'non_finite_metric');
  if (broken.length > 0) {
    const why = broken.map((run) => `run ${run.label}: ${run.ok ? '' : `${run.error.kind}: ${run.error.message}`}`).join('; ');
    throw new CliError(`${broken.length} of ${runs.length} production runs failed, nothing stored: ${why}`, EXIT.FAILURE, {
      error: 'runs_failed',
      failed: broken.map((run) => ({ label: run.label, kind: run.ok ? null : run.error.kind })),
    });
  }
  return runs.map((run) => run.metrics?.[metric] ?? Number.NaN);
}

/**
 * `repro envelope measure --cell C --metric M --image-sha SHA [-n 10] [--force] -- CMD…`: n un-capped
 * (production-config) runs with a progress bar on stderr, then eps_prod computed and stored under
 * (image SHA, cell, metric). A stored envelope for that key is reused unless --force.
 */
export function registerEnvelopeMeasureCommand(envelope: Command, ctx: CommandContext): void {
  const command = envelope
    .command('measure')
    .description('run the command n times un-capped (as production runs), compute eps_prod and store it by production image SHA')
    .requiredOption('--cell <cell>', 'the training cell')
    .requiredOption('--metric <metric>', 'the metric the command reports')
    .requiredOption('--image-sha <sha>', 'the production image SHA these runs stand for')
    .option('-n, --n <runs>', 'number of production-config runs (≥ 10 for a bound)', '10')
    .option('--force', 're-measure even when eps_prod for this image SHA is already stored')
    .option('--coverage <p>', 'the quantile p of |X − X′| to bound', '0.95')
    .option('--confidence <γ>', 'confidence of the bound', '0.95')
    .addOption(new Option('--method <method>', 'pairwise-normal or nonparametric').choices(ENVELOPE_METHODS).default('pairwise-normal'))
    .option('--json', 'print the stored record as one JSON document')
    .argument('<command...>', 'the training command, after --');
  addReplayFlags(command, { pinned: false });
  addStoreOptions(command);
  command.action(async (argv: string[], opts: MeasureOptions) => {
    const n = parseIntegerList('-n', opts.n, 1)[0]!;
    const coverage = parseProbability('--coverage', opts.coverage);
    const confidence = parseProbability('--confidence', opts.confidence);
    const spec = await replaySpecFromFlags(ctx, argv, opts, { pin: 'uncapped', metric: opts.metric });
    const key = { imageSha: opts.imageSha, cell: opts.cell, metric: opts.metric };
    await withStoreFromCli(
      ctx,
      opts,
      async (store) => {
        const existing = await store.getEpsProd(opts.imageSha, opts.cell, opts.metric);
        if (existing.present && !opts.force) {
          ctx.io.stderr(`eps_prod for image ${opts.imageSha}, cell ${opts.cell}, metric ${opts.metric} is already stored (measured ${existing.measured_at}): reusing it; --force re-measures\n`);
          if (opts.json) printJson(ctx.io, epsProdJson(existing));
          else ctx.io.stdout(renderEpsProd(key, existing));
          return;
        }
        const progress = createProgressReporter(ctx.io, `envelope measure (${opts.cell}, ${opts.metric})`);
        let runs: ReplayOutcome[];
        try {
          runs = await runMany(spec, n, {
            signal: ctx.io.interrupts(),
            onProgress: ({ done, total, last }) => {
              const note = last.ok ? `${opts.metric}=${last.metrics[opts.metric]}` : `${last.error.kind}`;
              progress.update(done, total, note);
            },
          });
        } catch (error) {
          throw replayCliError(error);
        } finally {
          progress.finish();
        }
        const samples = samplesOf(runs, opts.metric);
        const result = measureProdEnvelope(samples, { coverage, confidence, method: opts.method });
        const { replaced, ...record } = await store.putEpsProd({
          image_sha: opts.imageSha,
          cell: opts.cell,
          metric: opts.metric,
          ...result,
          reason: result.status === 'unmeasured' ? result.reason : null,
          samples,
        });
        if (opts.json) printJson(ctx.io, epsProdJson({ present: true, ...record }));
        else {
          ctx.io.stdout(`${replaced ? 'replaced' : 'stored'} eps_prod from ${n} un-capped runs\n`);
          ctx.io.stdout(renderEpsProd(key, { present: true, ...record }));
        }
      },
      { fieldName: envelopeFlagName },
    );
  });
}
