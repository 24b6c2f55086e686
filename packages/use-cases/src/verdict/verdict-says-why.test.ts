import type { CanonicalStore } from '@repro/canonical-provenance';
import { SecretRedactor } from '@repro/replay-runner';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventLog, STORE_BACKENDS, trainCell } from '../../test/use-case-fixtures.js';
import { measureEnvelopeForImage } from '../envelope/measure-envelope-for-image.js';
import type { ReplayProgress } from '../replay/replay-progress.js';
import { UseCaseInputError } from '../use-case-errors.js';
import { runVerdictForCell } from './run-verdict-for-cell.js';

const now = () => new Date('2026-12-04T10:00:00Z');
/** These tests plant no secret: the redactor changes nothing they look at. */
const redactor = new SecretRedactor([]);
const backend = STORE_BACKENDS.at(-1)!; // PostgreSQL when it is there (CI), else PGlite

describe(`the verdict says why (real replay processes, ${backend.name})`, () => {
  let store: CanonicalStore;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ store, close } = await backend.open());
  });
  afterAll(async () => close());

  it('K replays with the stated power, the replay context in the audit, masked-dependence warnings', async () => {
    const key = { cell: 'why/1', metric: 'f1_buy' };
    await store.recordCanonical({ ...key, run_id: 'c1', value: 0.04, provenance: { build_sha: 'abc123', instance_type: 'test-box' } }, { promote: true });
    const samples = [0.035, 0.045, 0.038, 0.042, 0.04, 0.036, 0.044, 0.039, 0.041, 0.04];
    await store.putEpsProd({ image_sha: 'img', ...key, status: 'measured', eps_prod: 0.01, n: 10, method: 'pairwise-normal', coverage: 0.95, confidence: 0.95, mean: 0.04, sd: 0.003, samples });
    const progress: ReplayProgress[] = [];
    const result = await runVerdictForCell({ ...key, image_sha: 'img', parity_dims: ['build_sha'], replay_count: 4 }, trainCell('--value', '0.04'), { store, now, redactor, onProgress: (p) => progress.push(p) });
    expect(result.outcomes?.map((o) => o.label)).toEqual(['A', 'B', 'C', 'D']);
    expect(progress.at(-1)).toMatchObject({ done: 4, total: 4, phase: 'replays' });
    expect(result.verdict).toMatchObject({ verdict: 'FIDELITY_OK', replay_power: { replays: 4 } });
    expect(result.verdict.replay_power?.min_detectable_rate).toBeCloseTo(0.6316, 4);
    expect(result.verdict.warnings?.map((w) => w.code)).toEqual(['eps_prod_large', 'uncapped_spread_exceeds_pinned']);
    expect(result.verdict.audit.replay).toMatchObject({ argv: [process.execPath, expect.stringContaining('train-cell.cjs'), '--value', '0.04'], pin_mode: 'pinned', effective_knobs: { PYTHONHASHSEED: '0' } });
  }, 120_000);

  it('localize: on_failure localises only when H1 fails; a failing baseline is a localization_error; bad factors fail before anything runs', async () => {
    const log = eventLog();
    const agreeing = await runVerdictForCell({ cell: 'why/2', metric: 'f1_buy', localize: true }, trainCell(), { store, now, redactor });
    expect(agreeing.verdict.localization).toBeUndefined();
    const jittery = await runVerdictForCell({ cell: 'why/2', metric: 'f1_buy', localize: true, factors: ['locale'] }, trainCell('--jitter', '0.1'), { store, now, redactor, emit: log.emit });
    expect(jittery.verdict).toMatchObject({ verdict: 'NON_DETERMINISTIC', localization: { culprit: 'pinned_baseline', replays_per_factor: 2 } });
    expect(log.names()).toContain('s18_localize_result');
    const failing = await runVerdictForCell({ cell: 'why/2', metric: 'f1_buy', localize: 'always', factors: ['locale'] }, trainCell('--exit', '3'), { store, now, redactor, emit: log.emit });
    expect(failing.verdict.localization).toBeUndefined();
    expect(failing.localization_error).toMatch(/the pinned baseline replay failed: nonzero_exit/);
    expect(log.names()).toContain('localization_failed');
    await expect(runVerdictForCell({ cell: 'why/2', metric: 'f1_buy', localize: 'always', factors: ['nope'] }, trainCell(), { store, now, redactor })).rejects.toMatchObject({ field: 'factors.0' });
    await expect(runVerdictForCell({ cell: 'why/2', metric: 'f1_buy', localize: true, pin_mode: 'uncapped' }, trainCell(), { store, now, redactor })).rejects.toBeInstanceOf(UseCaseInputError);
  }, 180_000);

  it('envelope: an unmeasured record is measured again (eps_prod_remeasured), a large eps_prod warns', async () => {
    const log = eventLog();
    const options = { cell: 'why/3', metric: 'f1_buy', image_sha: 'img' };
    const few = await measureEnvelopeForImage({ ...options, n: 2 }, trainCell('--value', '0.04', '--jitter', '0.01'), { store, emit: log.emit });
    expect(few.eps_prod.status).toBe('unmeasured');
    const again = await measureEnvelopeForImage({ ...options, n: 10 }, trainCell('--value', '0.04', '--jitter', '0.01'), { store, emit: log.emit });
    expect(again).toMatchObject({ reused: false, refused_unmeasured: { reason: 'too_few_samples', n: 2 }, eps_prod: { status: 'measured' } });
    expect(again.warnings.map((w) => w.code)).toEqual(['eps_prod_large']);
    expect(log.names()).toContain('eps_prod_remeasured');
  }, 120_000);
});
