import { MAX_VERDICT_LIMIT } from '@repro/canonical-provenance';
import type { Verdict } from '@repro/verdict-core';
import type { CommandContext } from '../../command-context.js';
import { parseInteger } from '../../input/parse-number-list.js';
import { printJson } from '../../output/print-json.js';
import { renderTable } from '../../output/render-table.js';
import { withStoreFromCli } from '../../store/open-store-from-cli.js';
import type { ListOptions } from './verdicts-list-command.js';

function renderHistory(verdicts: readonly Verdict[]): string {
  if (verdicts.length === 0) return 'no verdicts stored\n';
  return renderTable(
    ['decided_at', 'cell', 'metric', 'verdict', 'cause/reason', '|a−canon|', 'epsilon', 'P0', 'canonical run', 'eps_prod image'],
    verdicts.map((v) => [v.decided_at, v.cell, v.metric, v.verdict, v.cause ?? v.reason, v.canon_delta, v.epsilon, v.parity_state, v.canonical_run_id, v.eps_prod_image_sha]),
  );
}

/** The stored verdicts, newest first. */
export async function runVerdictsList(ctx: CommandContext, opts: ListOptions): Promise<void> {
  const limit = parseInteger('--limit', opts.limit, 1, MAX_VERDICT_LIMIT);
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
}
