import { cpus } from 'node:os';
import { assessObservation, MIN_ENVELOPE_SAMPLES, measureProdEnvelope, type ObservationInput, observationSchema } from '@repro/verdict-core';
import { describe, expect, it } from 'vitest';
import {
  fingerprintDimensions,
  type ReplayEvent,
  type ReplayOutcome,
  type ReplayPair,
  type ReplaySpec,
  runMany,
  runReplay,
  runReplayPair,
  toObservedReplay,
} from '../src/index.js';
import { exampleScript, python } from './process-state.js';

const metric = 'f1_buy';
const spec: ReplaySpec = { command: [python, exampleScript], requiredMetrics: [metric] };

const metricsOf = (outcome: ReplayOutcome) => {
  if (!outcome.ok) throw new Error(`${outcome.error.kind}: ${outcome.error.message}\n${outcome.stderr.tail}`);
  return outcome.metrics;
};

describe('the example training cell (examples/train_buy_model.py) depends on the spawn-time knobs', () => {
  it('PYTHONHASHSEED: explicit seeds 0 and 1 give different values', async () => {
    const [zero, one] = await Promise.all([
      runReplay({ ...spec, pin: { mode: 'pinned', hashSeed: 0 } }),
      runReplay({ ...spec, pin: { mode: 'pinned', hashSeed: 1 } }),
    ]);
    expect(metricsOf(zero)[metric]).not.toBe(metricsOf(one)[metric]);
  });

  // OpenBLAS never runs more threads than there are cores: on one core, 2 threads are 1.
  it.skipIf(cpus().length < 2)('BLAS threads: 1 and 2 threads give different values (needs 2 cores)', async () => {
    const [one, two] = await Promise.all([
      runReplay({ ...spec, pin: { mode: 'pinned', threads: 1 } }),
      runReplay({ ...spec, pin: { mode: 'pinned', threads: 2 } }),
    ]);
    expect(metricsOf(one)[metric]).not.toBe(metricsOf(two)[metric]);
  });

  it('runMany runs n sequential pinned replays in order, reports progress after each, all bit-identical', async () => {
    const progress: Array<[number, number, string]> = [];
    const outcomes = await runMany({ ...spec, params: { steps: 5 } }, 3, {
      onProgress: (p) => progress.push([p.done, p.total, p.last.label]),
    });
    expect(outcomes.map((o) => o.label)).toEqual(['run-1', 'run-2', 'run-3']);
    expect(progress).toEqual([
      [1, 3, 'run-1'],
      [2, 3, 'run-2'],
      [3, 3, 'run-3'],
    ]);
    expect(new Set(outcomes.map((o) => metricsOf(o)[metric])).size).toBe(1);
  });

  it('sequential pairs run A before B (B starts after A finished)', async () => {
    const order: string[] = [];
    await runReplayPair({ ...spec, params: { steps: 5 } }, { mode: 'sequential', emit: (e) => order.push(`${e.event}:${e.label}`) });
    expect(order).toEqual(['replay_started:A', 'replay_finished:A', 'replay_started:B', 'replay_finished:B']);
  });
});

describe('the example through verdict-core: the verdicts `repro verdict run` / `repro demo` will show', () => {
  const pinned: ReplaySpec = { ...spec, parentEnv: { PATH: process.env.PATH, BUILD_SHA: 'demo-sha' }, passEnv: ['BUILD_SHA'] };
  const uncapped: ReplaySpec = { ...pinned, pin: { mode: 'uncapped' } };
  const verdictOf = (pair: ReplayPair, canonical: ReplayOutcome, epsProd: number) => {
    const observation: ObservationInput = {
      cell: 'demo/buy',
      metric,
      replay_a: toObservedReplay(pair.a, metric),
      replay_b: toObservedReplay(pair.b, metric),
      canonical: { run_id: 'canonical-1', value: metricsOf(canonical)[metric]!, provenance: fingerprintDimensions(canonical.fingerprint) },
      eps_prod: { value: epsProd, image_sha: 'img-1' },
    };
    return assessObservation(observationSchema.parse(observation), { decidedAt: '2026-01-01T00:00:00Z' }).verdict;
  };

  it('un-pinned → NON_DETERMINISTIC; pinned → FIDELITY_OK vs an un-capped canonical; code or build change → CANONICAL_DIVERGENCE', async () => {
    // eps_prod from n un-capped (production-config) runs; the canonical is one more un-capped run (--from-run).
    const envelopeRuns = await runMany(uncapped, MIN_ENVELOPE_SAMPLES, { concurrency: 2 });
    const envelope = measureProdEnvelope(envelopeRuns.map((o) => metricsOf(o)[metric]!));
    if (envelope.status !== 'measured') throw new Error(`eps_prod not measured: ${envelope.reason}`);
    const canonical = await runReplay(uncapped);

    // Un-pinned: each child gets a random hash seed. The spread has sd ~1.5e-11 (~1e5 ulps): a tie is ~1e-6.
    const unpinned = await runReplayPair(uncapped);
    expect(unpinned.a.requestedKnobs).toEqual({});
    expect(unpinned.a.fingerprint?.hash_randomization).toBe(1);
    expect(metricsOf(unpinned.a)[metric]).not.toBe(metricsOf(unpinned.b)[metric]);
    expect(verdictOf(unpinned, canonical, envelope.eps_prod)).toMatchObject({ verdict: 'NON_DETERMINISTIC', cause: 'numeric_residue' });

    const events: ReplayEvent[] = [];
    const pair = await runReplayPair(pinned, { mode: 'parallel', emit: (e) => events.push(e) });
    expect(Object.is(metricsOf(pair.a).log_loss, metricsOf(pair.b).log_loss)).toBe(true);
    expect([pair.a.label, pair.b.label]).toEqual(['A', 'B']);
    expect(events.filter((e) => e.event === 'replay_finished').map((e) => e.label).sort()).toEqual(['A', 'B']);
    expect(verdictOf(pair, canonical, envelope.eps_prod)).toMatchObject({
      verdict: 'FIDELITY_OK',
      det_status: 'PASS',
      parity_state: 'equal',
      replay_build_sha: 'demo-sha',
    });

    const variant = await runReplayPair({ ...pinned, command: [...pinned.command, '--variant', 'standardized'] });
    expect(variant.a.fingerprint).toMatchObject({ variant: 'standardized', feature_versions: { buy_features: 'v3' } });
    expect(verdictOf(variant, canonical, envelope.eps_prod)).toMatchObject({ verdict: 'CANONICAL_DIVERGENCE', cause: 'logic_fidelity_gap' });

    const otherBuild = await runReplayPair({ ...pinned, parentEnv: { ...pinned.parentEnv, BUILD_SHA: 'other-sha' } });
    expect(verdictOf(otherBuild, canonical, envelope.eps_prod)).toMatchObject({
      verdict: 'CANONICAL_DIVERGENCE',
      cause: 'env_parity_gap',
      parity_dims: { build_sha: 'differs' },
    });
  }, 120_000); // 19 replays of ~0.3 s CPU each
});
