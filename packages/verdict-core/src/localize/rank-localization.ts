import { VerdictInputError } from '../verdict-input-error.js';
import type { Localization, LocalizedFactor } from './localization-schema.js';

/**
 * The id of the pseudo-factor "nothing varied": the pinned baseline repeated K times. When it moves, the
 * run is non-deterministic under every pin (scheduling order, races, unseeded randomness) and every
 * other factor's movement is noise on top of it.
 */
export const PINNED_BASELINE_FACTOR = 'pinned_baseline';

/** What the runner measured for one factor (values of its successful replays, in run order). */
export interface FactorMeasurement {
  readonly factor: string;
  readonly label: string;
  /** How to pin this factor when it is the culprit (one sentence, imperative). */
  readonly howToPin: string;
  readonly values: readonly number[];
  /** `<kind>: <message>` of the first failed replay, when one failed. */
  readonly error?: string;
}

export interface LocalizationInput {
  readonly baselineValue: number;
  readonly replaysPerFactor: number;
  /** In catalogue order; the order breaks ranking ties. */
  readonly factors: readonly FactorMeasurement[];
}

/**
 * Ranks the factors of a localisation and names the culprit. Pure.
 *
 * - A factor `moved` when one of its values differs from `baselineValue` (IEEE-754 exact, as H1);
 *   `max_delta` = max |value − baseline|.
 * - Ranking: moved factors first, by `max_delta` descending; ties keep catalogue order.
 * - Culprit: `pinned_baseline` when the repeated baseline itself moved (then nothing else can be blamed);
 *   else the top-ranked moved factor; else null.
 * @throws VerdictInputError on a non-finite baseline / value, K < 1, or a duplicate factor id.
 */
export function rankLocalization(input: LocalizationInput): Localization {
  if (!Number.isFinite(input.baselineValue)) throw new VerdictInputError('baselineValue', `must be finite, got ${input.baselineValue}`);
  if (!Number.isSafeInteger(input.replaysPerFactor) || input.replaysPerFactor < 1) {
    throw new VerdictInputError('replaysPerFactor', `must be a positive integer, got ${input.replaysPerFactor}`);
  }
  const seen = new Set<string>();
  const measured = input.factors.map((f, index): LocalizedFactor & { index: number } => {
    if (seen.has(f.factor)) throw new VerdictInputError(`factors[${index}].factor`, `duplicate factor id "${f.factor}"`);
    seen.add(f.factor);
    f.values.forEach((v, i) => {
      if (!Number.isFinite(v)) throw new VerdictInputError(`factors[${index}].values[${i}]`, `must be finite, got ${v}`);
    });
    let maxDelta = 0;
    let moved = false;
    for (const v of f.values) {
      if (v !== input.baselineValue) moved = true;
      maxDelta = Math.max(maxDelta, Math.abs(v - input.baselineValue));
    }
    return {
      factor: f.factor,
      label: f.label,
      moved,
      max_delta: maxDelta,
      values: [...f.values],
      ...(f.error !== undefined ? { error: f.error } : {}),
      index,
    };
  });
  const ranked = [...measured].sort((x, y) => Number(y.moved) - Number(x.moved) || y.max_delta - x.max_delta || x.index - y.index);
  const baseline = measured.find((f) => f.factor === PINNED_BASELINE_FACTOR);
  const culpritEntry = baseline?.moved ? baseline : ranked.find((f) => f.moved);
  const howToPin = culpritEntry ? input.factors[culpritEntry.index]!.howToPin : null;
  const factors = ranked.map(({ index: _index, ...rest }) => rest);
  return {
    baseline_value: input.baselineValue,
    replays_per_factor: input.replaysPerFactor,
    factors,
    culprit: culpritEntry?.factor ?? null,
    sentence: localizationSentence(culpritEntry ?? null, ranked, input.replaysPerFactor),
    how_to_pin: howToPin,
  };
}

function localizationSentence(culprit: LocalizedFactor | null, ranked: readonly LocalizedFactor[], k: number): string {
  const failed = ranked.filter((f) => f.error !== undefined).map((f) => f.factor);
  const failedNote = failed.length > 0 ? ` Replays failed under ${failed.join(', ')} (see their error).` : '';
  if (culprit === null) {
    return `No varied factor moves the metric (${ranked.length} factors, ${k} replays each): the replay is stable under every variation tried; a divergence from the canonical then comes from the code, the data or the provenance, not from the run environment.${failedNote}`;
  }
  if (culprit.factor === PINNED_BASELINE_FACTOR) {
    return `The metric moves with nothing varied (by up to ${culprit.max_delta}): the run itself is non-deterministic under every pin — scheduling order, a race or unseeded randomness inside the process, not the environment.${failedNote}`;
  }
  const others = ranked.filter((f) => f.moved && f.factor !== culprit.factor).map((f) => f.factor);
  const alsoNote = others.length > 0 ? ` Also moving: ${others.join(', ')}.` : '';
  return `The metric moves when ${culprit.label} is varied (by up to ${culprit.max_delta}); ${culprit.factor} is the culprit.${alsoNote}${failedNote}`;
}
