import { MAX_VERDICT_LIMIT } from '@repro/canonical-provenance';
import type { Verdict } from '@repro/verdict-core';
import { type Command, Option } from 'commander';
import { invalidInput } from '../../cli-error.js';
import type { CommandContext } from '../../command-context.js';
import { printJson } from '../../output/print-json.js';
import { renderTable } from '../../output/render-table.js';
import { withStoreFromCli } from '../../store/open-store-from-cli.js';
import { addStoreOptions, type StoreFlags } from '../../store/store-options.js';

const VERDICT_NAMES = ['FIDELITY_OK', 'NON_DETERMINISTIC', 'CANONICAL_DIVERGENCE', 'INCONCLUSIVE_TOOLING'] as const;
const DEFAULT_LIMIT = 100;

interface ListOptions extends StoreFlags {
  cell?: string;
  metric?: string;
  verdict?: (typeof VERDICT_NAMES)[number];
  limit: string;
  json?: boolean;
}

function parseLimit(text: string): number {
  const limit = Number(text);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_VERDICT_LIMIT) {
    throw invalidInput(`--limit: must be an integer from 1 to ${MAX_VERDICT_LIMIT}, got ${JSON.stringify(text)}`, { error: 'invalid_flag', flag: '--limit', value: text });
  }
  return limit;
}

function renderHistory(verdicts: readonly Verdict[]): string {
  if (verdicts.length === 0) return 'no verdicts stored\n';
  return renderTable(
    ['decided_at', 'cell', 'metric', 'verdict', 'cause/reason', '|a−canon|', 'epsilon', 'P0', 'canonical run', 'eps_prod image'],
    verdicts.map((v) => [v.decided_at, v.cell, v.metric, v.verdict, v.cause ?? v.reason, v.canon_delta, v.epsilon, v.parity_state, v.canonical_run_id, v.eps_prod_image_sha]),
  );
}

/**
 * `repro verdicts list [--cell C] [--metric M] [--verdict V] [--limit N] [--json]` → the stored Verdict
 * artefacts as a JSON array, newest first (default limit 100).
 */
export function registerVerdictsListCommand(verdicts: Command, ctx: CommandContext): void {
  addStoreOptions(verdicts.command('list').description('stored verdicts, newest first'))
    .option('--cell <cell>', 'only this cell')
    .option('--metric <metric>', 'only this metric')
    .addOption(new Option('--verdict <verdict>', 'only this verdict').choices(VERDICT_NAMES))
    .option('--limit <n>', `at most this many (1 to ${MAX_VERDICT_LIMIT})`, String(DEFAULT_LIMIT))
    .option('--json', 'print the Verdict artefacts as one JSON array')
    .action(async (opts: ListOptions) => {
      const limit = parseLimit(opts.limit);
      await withStoreFromCli(
        ctx,
        opts,
        async (store) => {
          const list = await store.listVerdicts({ cell: opts.cell, metric: opts.metric, verdict: opts.verdict, limit });
          if (opts.json) printJson(ctx.io, list);
          else ctx.io.stdout(renderHistory(list));
        },
        { fieldName: (field) => `--${field}` },
      );
    });
}
