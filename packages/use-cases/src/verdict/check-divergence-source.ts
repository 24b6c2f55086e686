import { pinAtThreadConfig, type ReplayOutcome, type ReplaySpec, replayMetric } from '@repro/replay-runner';
import { classifyDivergenceSource, type DivergenceSource, type Verdict } from '@repro/verdict-core';
import type { ReplayRunnerPort } from '../replay/replay-runner-port.js';
import { progressFromEvents, type ReplayPhasePorts } from './verdict-replays.js';

/** The thread caps the canonical recorded (its provenance's `observed_knobs`), or null (then it ran un-capped, as `canonical record --from-run` does). */
function recordedKnobs(provenance: Readonly<Record<string, unknown>>): Readonly<Record<string, string | null>> | null {
  const knobs = provenance.observed_knobs;
  return knobs !== null && typeof knobs === 'object' && !Array.isArray(knobs) ? (knobs as Record<string, string | null>) : null;
}

/**
 * On a logic_fidelity_gap: one replay at the canonical's recorded thread configuration (hash seed and flags
 * still pinned) tells a divergence caused by the pinned thread caps from a logic gap (verdict-core's
 * `classifyDivergenceSource`). The verdict itself is unchanged (frozen order); this only explains it.
 */
export async function checkDivergenceSource(
  runner: ReplayRunnerPort,
  spec: ReplaySpec,
  verdict: Verdict,
  canonical: { readonly value: number; readonly provenance: Readonly<Record<string, unknown>> },
  pinnedValue: number,
  ports: ReplayPhasePorts,
): Promise<{ readonly source: DivergenceSource; readonly outcome: ReplayOutcome | null }> {
  const { pin, label } = pinAtThreadConfig(recordedKnobs(canonical.provenance), spec.pin);
  const emit = progressFromEvents(ports, verdict.metric, 1, 'thread_check');
  const [outcome] = await runner.runMany({ ...spec, pin }, 1, {
    labelOf: () => 'thread-config',
    ...(ports.signal ? { signal: ports.signal } : {}),
    ...(emit ? { emit } : {}),
  });
  const value = outcome === undefined ? null : replayMetric(outcome, verdict.metric);
  const failure = outcome !== undefined && !outcome.ok ? `the replay failed: ${outcome.error.kind}: ${outcome.error.message}` : undefined;
  const source = classifyDivergenceSource({
    canonicalValue: canonical.value,
    pinnedValue,
    threadConfigValue: value,
    epsilon: verdict.epsilon,
    threadConfigLabel: label,
    ...(failure === undefined ? {} : { uncheckedReason: failure }),
  });
  return { source, outcome: outcome ?? null };
}
