import { type CanonicalStore, type EpsProdRecord, MAX_VERDICT_LIMIT } from '@repro/canonical-provenance';
import type { CellHistoryInput } from '@repro/verdict-report';
import { invalidInput } from '../../cli-error.js';

/**
 * What `repro report --cell` reads from the store: the cell's verdicts (newest MAX_VERDICT_LIMIT, from
 * `since` on), its canonical promotions that were current at some point since then, and eps_prod of
 * each image its verdicts name. Without `metric`, the cell must have verdicts for exactly one metric.
 */
export async function readCellHistory(store: CanonicalStore, cell: string, metric: string | undefined, since: Date | null): Promise<CellHistoryInput> {
  const chosen = metric ?? (await onlyMetric(store, cell));
  const from = since?.getTime() ?? Number.NEGATIVE_INFINITY;
  const verdicts = (await store.listVerdicts({ cell, metric: chosen, limit: MAX_VERDICT_LIMIT })).filter((v) => Date.parse(v.decided_at) >= from);
  const canonicals = (await store.canonicalHistory(cell, chosen)).filter((c) => c.demoted_at === null || Date.parse(c.demoted_at) >= from);
  const images = [...new Set(verdicts.map((v) => v.eps_prod_image_sha).filter((sha): sha is string => sha !== null))];
  const epsProd: EpsProdRecord[] = [];
  for (const image of images) {
    const lookup = await store.getEpsProd(image, cell, chosen);
    if (lookup.present) epsProd.push(lookup);
  }
  return {
    cell,
    metric: chosen,
    canonical_history: canonicals.map((c) => ({ ...c, provenance: { ...c.provenance }, extra: { ...c.extra } })),
    eps_prod: epsProd.map((e) => ({ ...e, samples: [...e.samples] })),
    verdicts,
  };
}

async function onlyMetric(store: CanonicalStore, cell: string): Promise<string> {
  const metrics = [...new Set((await store.listVerdicts({ cell, limit: MAX_VERDICT_LIMIT })).map((v) => v.metric))].sort();
  if (metrics.length === 1) return metrics[0]!;
  const message =
    metrics.length === 0
      ? `--cell ${cell}: no verdict is stored for this cell; pass --metric to report its canonical history`
      : `--cell ${cell}: verdicts are stored for ${metrics.length} metrics (${metrics.join(', ')}); pick one with --metric`;
  throw invalidInput(message, { error: 'invalid_flag', flag: '--metric', cell, metrics });
}
