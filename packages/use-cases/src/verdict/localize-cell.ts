import { type LocalizationFactor, localizeReplay, type ReplayOutcome, type ReplaySpec } from '@repro/replay-runner';
import type { Localization } from '@repro/verdict-core';
import type { ReplayRunnerPort } from '../replay/replay-runner-port.js';
import { progressFromEvents, type ReplayPhasePorts } from './verdict-replays.js';

/** A localisation as a verdict keeps it: the ranked result, or why there is none (the pinned baseline failed). */
export interface CellLocalization {
  readonly localization: Localization | null;
  /** Why nothing could be localised (the pinned baseline failed: its error and stderr), else null. */
  readonly error: string | null;
  /** Every replay of the localisation, by factor id (`baseline` first). */
  readonly outcomes: Readonly<Record<string, readonly ReplayOutcome[]>>;
}

/**
 * Which factor moves the metric: from the pinned baseline (K replays), each factor varied alone for K
 * replays (`localizeReplay`), ranked by how far the metric moves. A failing baseline is a result (`error`).
 */
export async function localizeCell(
  runner: ReplayRunnerPort,
  spec: ReplaySpec,
  settings: { readonly metric: string; readonly factors: readonly LocalizationFactor[]; readonly replaysPerFactor: number },
  ports: ReplayPhasePorts,
): Promise<CellLocalization> {
  const total = settings.replaysPerFactor * (1 + settings.factors.length);
  const emit = progressFromEvents(ports, settings.metric, total, 'localize');
  const localize = runner.localize ?? localizeReplay;
  const result = await localize(spec, {
    metric: settings.metric,
    factors: settings.factors,
    replaysPerFactor: settings.replaysPerFactor,
    ...(ports.signal ? { signal: ports.signal } : {}),
    ...(emit ? { emit } : {}),
  });
  if (result.ok) return { localization: result.localization, error: null, outcomes: result.outcomes };
  const failed = result.outcomes.baseline?.find((outcome) => !outcome.ok);
  const tail = failed !== undefined && !failed.ok && failed.error.stderrTail ? `\nstderr (last lines):\n${failed.error.stderrTail}` : '';
  return { localization: null, error: `${result.reason}${tail}`, outcomes: result.outcomes };
}
