import { DEFAULT_LOCALIZATION_FACTORS, type LocalizationFactor } from '@repro/replay-runner';
import type { VerdictOptions } from '../options/verdict-options.js';
import { UseCaseInputError } from '../use-case-errors.js';

/**
 * The factors a localisation varies: the default catalogue plus `extra_factors` (data), narrowed to
 * `factors` when given (in the order given). Checked before anything runs.
 * @throws UseCaseInputError naming `extra_factors.N.id` (an id already taken) or `factors.N` (an unknown id, listing the known ones).
 */
export function selectLocalizationFactors(options: Pick<VerdictOptions, 'factors' | 'extra_factors'>): LocalizationFactor[] {
  const catalogue: LocalizationFactor[] = [...DEFAULT_LOCALIZATION_FACTORS];
  const ids = new Set(catalogue.map((factor) => factor.id));
  (options.extra_factors ?? []).forEach((factor, i) => {
    if (ids.has(factor.id) || factor.id === 'pinned_baseline') throw new UseCaseInputError(`extra_factors.${i}.id`, `${JSON.stringify(factor.id)} is already a factor id`);
    ids.add(factor.id);
    catalogue.push(factor as LocalizationFactor);
  });
  if (options.factors === undefined) return catalogue;
  const byId = new Map(catalogue.map((factor) => [factor.id, factor]));
  return [...new Set(options.factors)].map((id, i) => {
    const factor = byId.get(id);
    if (factor === undefined) throw new UseCaseInputError(`factors.${i}`, `unknown factor ${JSON.stringify(id)}; known: ${[...byId.keys()].join(', ')}`);
    return factor;
  });
}
