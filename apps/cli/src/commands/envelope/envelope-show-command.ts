import type { EpsProdLookup } from '@repro/canonical-provenance';
import type { Command } from 'commander';
import type { CommandContext } from '../../command-context.js';
import { printJson } from '../../output/print-json.js';
import { formatNumber, renderKeyValues } from '../../output/render-table.js';
import { withStoreFromCli } from '../../store/open-store-from-cli.js';
import { addStoreOptions, type StoreFlags } from '../../store/store-options.js';

const FLAGS: Readonly<Record<string, string>> = { image_sha: '--image-sha', cell: '--cell', metric: '--metric', samples: '--values', n: '--values' };

/** A store eps_prod field as the flag that carries it (`image_sha` → `--image-sha`); others unchanged. */
export function envelopeFlagName(field: string): string {
  return FLAGS[field] ?? field;
}

/** JSON has no NaN/±Infinity: a stored non-finite sample is printed as the string verdict-core uses for it. */
function jsonSample(value: number): number | string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Number.POSITIVE_INFINITY) return 'Infinity';
  if (value === Number.NEGATIVE_INFINITY) return '-Infinity';
  return value;
}

/** An eps_prod lookup as one JSON-safe document. */
export function epsProdJson(lookup: EpsProdLookup): unknown {
  return lookup.present ? { ...lookup, samples: lookup.samples.map(jsonSample) } : lookup;
}

/** An eps_prod lookup for people. */
export function renderEpsProd(key: { imageSha: string; cell: string; metric: string }, lookup: EpsProdLookup): string {
  if (!lookup.present) return `no eps_prod stored for image ${key.imageSha}, cell ${key.cell}, metric ${key.metric}\n`;
  return renderKeyValues([
    ['image_sha', lookup.image_sha],
    ['cell', lookup.cell],
    ['metric', lookup.metric],
    ['status', lookup.status],
    ['eps_prod', lookup.eps_prod],
    ...(lookup.reason === null ? [] : ([['reason', lookup.reason]] as const)),
    ['n', lookup.n],
    ['method', lookup.method],
    ['coverage', lookup.coverage],
    ['confidence', lookup.confidence],
    ['mean', lookup.mean],
    ['sd', lookup.sd],
    ['samples', lookup.samples.map((x) => formatNumber(x)).join(', ')],
    ['measured_at', lookup.measured_at],
  ]);
}

interface ShowOptions extends StoreFlags {
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
    .action(async (opts: ShowOptions) => {
      await withStoreFromCli(
        ctx,
        opts,
        async (store) => {
          const lookup = await store.getEpsProd(opts.imageSha, opts.cell, opts.metric);
          if (opts.json) printJson(ctx.io, epsProdJson(lookup));
          else ctx.io.stdout(renderEpsProd(opts, lookup));
        },
        { fieldName: envelopeFlagName },
      );
    });
}
