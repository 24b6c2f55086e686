import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FsStore, npyArray, S43Transport, StoreAbortedError } from '@repro/s43-transport';
import { describe, expect, it } from 'vitest';
import { parseJobPayload } from '@repro/job-queue';
import { runGateJob } from './gate-job.js';
import type { JobContext } from './job-context.js';

function context(signal = new AbortController().signal): JobContext {
  const log = { info: () => undefined, warn: () => undefined, error: () => undefined, debug: () => undefined, child: () => log } as unknown as JobContext['log'];
  return { jobId: 'j1', queue: 'gate', retryCount: 0, signal, log, emit: () => undefined };
}

describe('gate job', () => {
  it('verify: a blob stored truncated makes the cohort incomplete, naming the pod; without verify only the listing counts', async () => {
    const root = mkdtempSync(join(tmpdir(), 'gate-job-'));
    const store = new FsStore(root);
    const t = new S43Transport({ store });
    for (const pod of ['p0', 'p1']) await t.persist('run-1', pod, { preds: npyArray(Float32Array.of(1, 2, 3)) });
    const blob = join(root, 's43-predictions', 'run-1', 'p1.npz');
    writeFileSync(blob, readFileSync(blob).subarray(0, 50));
    const plain = await runGateJob(parseJobPayload('gate', { run_id: 'run-1', expected: 2 }), context(), { store, prefix: null });
    expect(plain).toMatchObject({ complete: true, verified: false, corrupt_pods: null });
    const verified = await runGateJob(parseJobPayload('gate', { run_id: 'run-1', expected: 2, verify: true }), context(), { store, prefix: null });
    expect(verified).toMatchObject({ complete: false, verified: true, corrupt_pods: [{ pod: 'p1', reason: expect.stringMatching(/^truncated: /) }] });
    const surplus = await runGateJob(parseJobPayload('gate', { run_id: 'run-1', expected: 1, pods: ['p0'] }), context(), { store, prefix: null });
    expect(surplus).toMatchObject({ complete: false, unexpected_pods: ['p1'] });
  });

  it("the job's abort signal reaches the store calls", async () => {
    const store = new FsStore(mkdtempSync(join(tmpdir(), 'gate-job-')));
    const aborted = new AbortController();
    aborted.abort(new Error('shutting down'));
    await expect(runGateJob(parseJobPayload('gate', { run_id: 'run-1', expected: 1 }), context(aborted.signal), { store, prefix: null })).rejects.toBeInstanceOf(StoreAbortedError);
  });
});
