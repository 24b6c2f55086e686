import { type EnvelopeOptionsInput, measureEnvelopeForImage } from '@repro/use-cases';
import type { EnvelopeMethod } from '@repro/verdict-core';
import type { CommandContext } from '../../command-context.js';
import { parseFiniteNumber, parseInteger, parseProbability } from '../../input/parse-number-list.js';
import { printJson } from '../../output/print-json.js';
import { createProgressReporter } from '../../output/progress-reporter.js';
import { type ReplayFlags, replayCommandFromFlags, timeoutSecondsFromFlags } from '../../replay/replay-flags.js';
import { withStoreFromCli } from '../../store/open-store-from-cli.js';
import type { StoreFlags } from '../../store/store-options.js';
import { replayProgressNote } from '../../use-cases/replay-progress-line.js';
import { useCaseCliError } from '../../use-cases/use-case-cli-error.js';
import { envelopeFlagName, epsProdJson, renderEpsProd } from './envelope-show-command.js';

export interface EnvelopeMeasureFlags extends StoreFlags, ReplayFlags {
  cell: string;
  metric: string;
  imageSha: string;
  n?: string;
  force?: boolean;
  coverage?: string;
  confidence?: string;
  method?: EnvelopeMethod;
  epsProdThreshold?: string;
  json?: boolean;
}

/** The flag of each envelope option. */
const ENVELOPE_FLAGS: Readonly<Record<string, string>> = {
  cell: '--cell',
  metric: '--metric',
  image_sha: '--image-sha',
  n: '-n',
  coverage: '--coverage',
  confidence: '--confidence',
  method: '--method',
  eps_prod_relative_threshold: '--eps-prod-threshold',
  timeout_s: '--timeout',
};

function envelopeOptionsFromFlags(opts: EnvelopeMeasureFlags): EnvelopeOptionsInput {
  return {
    cell: opts.cell,
    metric: opts.metric,
    image_sha: opts.imageSha,
    ...(opts.n === undefined ? {} : { n: parseInteger('-n', opts.n, 1) }),
    force: opts.force === true,
    ...(opts.coverage === undefined ? {} : { coverage: parseProbability('--coverage', opts.coverage) }),
    ...(opts.confidence === undefined ? {} : { confidence: parseProbability('--confidence', opts.confidence) }),
    ...(opts.method === undefined ? {} : { method: opts.method }),
    timeout_s: timeoutSecondsFromFlags(opts),
    ...(opts.epsProdThreshold === undefined ? {} : { eps_prod_relative_threshold: parseFiniteNumber('--eps-prod-threshold', opts.epsProdThreshold, { min: 0 }) }),
  };
}

/** `repro envelope measure`: parse the flags, run the envelope use case on the CLI's store, render. */
export async function runEnvelopeMeasure(ctx: CommandContext, argv: string[], opts: EnvelopeMeasureFlags): Promise<void> {
  const options = envelopeOptionsFromFlags(opts);
  const command = await replayCommandFromFlags(ctx, argv, opts);
  const key = { imageSha: opts.imageSha, cell: opts.cell, metric: opts.metric };
  const progress = createProgressReporter(ctx.io, `envelope measure (${opts.cell}, ${opts.metric})`);
  const result = await withStoreFromCli(
    ctx,
    opts,
    async (store) => {
      try {
        return await measureEnvelopeForImage(options, command, {
          store,
          signal: ctx.io.interrupts(),
          onProgress: (p) => {
            if (p.last !== null) progress.update(p.done, p.total, replayProgressNote(p, opts.metric));
          },
        });
      } catch (error) {
        throw useCaseCliError(error, ENVELOPE_FLAGS);
      } finally {
        progress.finish();
      }
    },
    { fieldName: envelopeFlagName },
  );
  const lookup = { present: true as const, ...result.eps_prod };
  if (result.refused_unmeasured !== null) {
    const { reason, n } = result.refused_unmeasured;
    ctx.warn(`the eps_prod stored for image ${opts.imageSha}, cell ${opts.cell}, metric ${opts.metric} is unmeasured (${reason ?? 'no reason'}, n = ${n}): not reused, measured again`);
  }
  for (const warning of result.warnings) ctx.warn(`${warning.message}; ${warning.suggestion}`);
  if (result.reused) {
    ctx.progress(`eps_prod for image ${opts.imageSha}, cell ${opts.cell}, metric ${opts.metric} is already stored (measured ${lookup.measured_at}): reusing it; --force re-measures`);
  }
  if (opts.json) printJson(ctx.io, epsProdJson(lookup));
  else {
    if (!result.reused) ctx.io.stdout(`${result.replaced ? 'replaced' : 'stored'} eps_prod from ${result.options.n} un-capped runs\n`);
    ctx.io.stdout(renderEpsProd(key, lookup));
  }
}
