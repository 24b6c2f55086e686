import type { CanonicalStore } from '@repro/canonical-provenance';
import { measureProdEnvelope } from '@repro/verdict-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eventLog, STORE_BACKENDS, trainCell } from '../../test/use-case-fixtures.js';
import type { ReplayProgress } from '../replay/replay-progress.js';
import { EnvelopeRunsFailedError } from '../use-case-errors.js';
import { envelopeLockKey, measureEnvelopeForImage } from './measure-envelope-for-image.js';

const KEY = { image_sha: 'img-1', cell: 'c/1', metric: 'f1_buy' };

describe.each(STORE_BACKENDS)('measureEnvelopeForImage on $name with real un-capped runs', (backend) => {
  let store: CanonicalStore;
  let close: () => Promise<void>;
  beforeEach(async () => {
    ({ store, close } = await backend.open());
  });
  afterEach(async () => close());

  it('n un-capped runs measured and stored; the stored envelope is reused without runs unless force', async () => {
    const progress: ReplayProgress[] = [];
    const first = await measureEnvelopeForImage({ ...KEY, n: 10 }, trainCell('--value', '0.61'), { store, onProgress: (p) => progress.push(p) });
    expect(first).toMatchObject({ reused: false, replaced: false, eps_prod: { ...KEY, status: 'measured', eps_prod: 0, reason: null, n: 10, samples: Array(10).fill(0.61) } });
    expect(first.runs?.every((run) => run.pinMode === 'uncapped')).toBe(true);
    expect(progress.map((p) => p.done)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(progress.at(-1)?.last).toMatchObject({ label: 'run-10', ok: true, value: 0.61 });
    expect(await store.getEpsProd(KEY.image_sha, KEY.cell, KEY.metric)).toMatchObject({ present: true, status: 'measured', n: 10 });

    const log = eventLog();
    const reused = await measureEnvelopeForImage(KEY, trainCell('--value', '0.7'), { store, emit: log.emit });
    expect(reused).toMatchObject({ reused: true, runs: null, eps_prod: { n: 10, samples: Array(10).fill(0.61) } });
    expect(log.events).toEqual([{ event: 'eps_prod_reused', ...KEY, status: 'measured', eps_prod: 0, n: 10, measured_at: first.eps_prod.measured_at }]);

    const forced = await measureEnvelopeForImage({ ...KEY, n: 3, force: true }, trainCell('--value', '0.7'), { store });
    expect(forced).toMatchObject({ reused: false, replaced: true, eps_prod: { status: 'unmeasured', reason: 'too_few_samples', n: 3, eps_prod: null } });
  });

  it('coverage, confidence and method reach the measurement and the stored record', async () => {
    const result = await measureEnvelopeForImage({ ...KEY, n: 10, coverage: 0.9, confidence: 0.8, method: 'nonparametric' }, trainCell('--value', '0.61'), { store });
    const expected = measureProdEnvelope(Array(10).fill(0.61), { coverage: 0.9, confidence: 0.8, method: 'nonparametric' });
    expect(expected).toMatchObject({ status: 'unmeasured', reason: 'too_few_pairs' });
    expect(result.eps_prod).toMatchObject({ status: expected.status, reason: 'too_few_pairs', method: 'nonparametric', coverage: 0.9, confidence: 0.8 });
  });

  it('a failed run stores nothing and names the runs; a non-finite metric is a sample (unmeasured, non_finite_sample)', async () => {
    const failing = measureEnvelopeForImage({ ...KEY, n: 2 }, trainCell('--exit', '4'), { store });
    await expect(failing).rejects.toBeInstanceOf(EnvelopeRunsFailedError);
    await expect(failing).rejects.toMatchObject({ total: 2, failed: [{ label: 'run-1', kind: 'nonzero_exit' }, { label: 'run-2', kind: 'nonzero_exit' }] });
    expect(await store.getEpsProd(KEY.image_sha, KEY.cell, KEY.metric)).toEqual({ present: false });

    const nan = await measureEnvelopeForImage({ ...KEY, n: 2 }, trainCell('--value', 'NaN'), { store });
    expect(nan.eps_prod).toMatchObject({ status: 'unmeasured', reason: 'non_finite_sample' });
    expect(Number.isNaN(nan.eps_prod.samples[0])).toBe(true);
  });

  it('runs inside the key lock of (image_sha, cell, metric); bad options fail naming the field before any run', async () => {
    const locked: string[] = [];
    const keyLock = async <T>(key: string, work: () => Promise<T>) => {
      locked.push(key);
      return work();
    };
    await measureEnvelopeForImage({ ...KEY, n: 1 }, trainCell(), { store, keyLock });
    expect(locked).toEqual([envelopeLockKey(KEY)]);

    const log = eventLog();
    await expect(measureEnvelopeForImage({ ...KEY, n: 0 }, trainCell(), { store, emit: log.emit })).rejects.toMatchObject({ name: 'UseCaseInputError', field: 'n' });
    await expect(measureEnvelopeForImage({ ...KEY, n: 2.5 }, trainCell(), { store, emit: log.emit })).rejects.toMatchObject({ field: 'n' });
    await expect(measureEnvelopeForImage({ ...KEY, coverage: 1 }, trainCell(), { store, emit: log.emit })).rejects.toMatchObject({ field: 'coverage' });
    await expect(measureEnvelopeForImage({ ...KEY, method: 'bootstrap' } as never, trainCell(), { store, emit: log.emit })).rejects.toMatchObject({ field: 'method' });
    await expect(measureEnvelopeForImage({ cell: 'c', metric: 'm' } as never, trainCell(), { store, emit: log.emit })).rejects.toMatchObject({ field: 'image_sha', problem: 'is required' });
    expect(log.events).toEqual([]);
  });
});
