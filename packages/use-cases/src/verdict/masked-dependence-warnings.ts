import type { CanonicalStore } from '@repro/canonical-provenance';
import { assessMaskedDependence, type MaskedDependenceWarning } from '@repro/verdict-core';

/** max − min of the finite values (null when fewer than two). */
export function spreadOf(values: readonly (number | null)[]): number | null {
  const finite = values.filter((value): value is number => value !== null && Number.isFinite(value));
  if (finite.length < 2) return null;
  return Math.max(...finite) - Math.min(...finite);
}

/**
 * A verdict's masked-dependence warnings: eps_prod large against the metric (above `relativeThreshold`
 * of |canonical|, default 5 %), and the un-capped runs eps_prod was measured from spreading more than the
 * K pinned replays. Needs the canonical value and a measured eps_prod; none otherwise.
 */
export async function maskedDependenceWarnings(
  store: Pick<CanonicalStore, 'getEpsProd'>,
  key: { readonly cell: string; readonly metric: string; readonly image_sha?: string | undefined },
  settings: { readonly canonicalValue: number | null; readonly pinnedValues: readonly (number | null)[]; readonly relativeThreshold?: number | undefined },
): Promise<MaskedDependenceWarning[]> {
  if (key.image_sha === undefined || settings.canonicalValue === null) return [];
  const stored = await store.getEpsProd(key.image_sha, key.cell, key.metric);
  if (!stored.present || stored.status !== 'measured' || stored.eps_prod === null) return [];
  return assessMaskedDependence({
    metricValue: settings.canonicalValue,
    epsProd: stored.eps_prod,
    uncappedSpread: spreadOf(stored.samples),
    pinnedSpread: spreadOf(settings.pinnedValues),
    ...(settings.relativeThreshold === undefined ? {} : { relativeThreshold: settings.relativeThreshold }),
  });
}
