import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { needPostgres } from '@repro/test-services';
import { afterEach, describe, expect, it } from 'vitest';
import { cluster, loggedBy, ready, spawnWorkers, stopClusters } from './worker-cluster-harness.js';
import { trainProfile, writeWorkerConfig } from './worker-harness.js';

// Envelope jobs on real repro-worker processes and a real PostgreSQL: n un-capped runs → eps_prod stored
// under (image_sha, cell, metric), then used by verdict jobs; and the advisory key lock that keeps two
// jobs for one key from measuring twice.
const postgres = await needPostgres();
afterEach(stopClusters);

interface EnvelopeResult {
  reused: boolean;
  eps_prod: { status: string; eps_prod: number | null; n: number; method: string; image_sha: string; cell: string; metric: string; samples?: number[] };
}

/** Lines in a marker file: one per training run started. */
const runsStarted = (file: string) => (existsSync(file) ? readFileSync(file, 'utf8').trim().split('\n').length : 0);

describe.skipIf(postgres === null)('envelope jobs', () => {
  it('a successful envelope job: 10 un-capped runs, eps_prod measured and stored; a verdict job for that image uses it; resubmitting reuses it', async () => {
    const c = await cluster();
    const { configPath, dir } = writeWorkerConfig({ prod: trainProfile(['--jitter', '0.01', '--marker', 'MARKER']) });
    const marker = join(dir, 'runs.log');
    const config = JSON.parse(readFileSync(configPath, 'utf8'));
    config.profiles.prod.command = config.profiles.prod.command.map((a: string) => (a === 'MARKER' ? marker : a));
    (await import('node:fs')).writeFileSync(configPath, JSON.stringify(config));
    const [worker] = spawnWorkers(c, 1, configPath, ['--concurrency', '1']);
    await ready([worker!]);

    const { job_id } = await c.client.submit('envelope', { cell: 'defi_top5/fold-3', metric: 'f1_buy', profile: 'prod', image_sha: 'sha256:prod-1', n: 10 });
    const done = await c.client.waitForJob(job_id, { timeoutMs: 60_000, pollMs: 100 });
    expect(done.state).toBe('completed');
    const result = done.result as EnvelopeResult;
    expect(result.reused).toBe(false);
    expect(result.eps_prod).toMatchObject({ status: 'measured', n: 10, image_sha: 'sha256:prod-1', cell: 'defi_top5/fold-3', metric: 'f1_buy' });
    expect(result.eps_prod.eps_prod).toBeGreaterThan(0);
    expect(Number.isFinite(result.eps_prod.eps_prod)).toBe(true);
    expect(result.eps_prod.samples).toHaveLength(10);
    expect(runsStarted(marker)).toBe(10);
    expect(worker!.lines.filter((l) => l.event === 'envelope_progress' && l.job_id === job_id).at(-1)).toMatchObject({ done: 10, total: 10, failed: 0 });

    const stored = await c.canonical.getEpsProd('sha256:prod-1', 'defi_top5/fold-3', 'f1_buy');
    expect(stored).toMatchObject({ present: true, status: 'measured', n: 10, eps_prod: result.eps_prod.eps_prod });

    // a verdict job naming that image reads the stored eps_prod (no longer epsilon_prod_unmeasured)
    await c.canonical.recordCanonical(
      { run_id: 'canon-1', cell: 'defi_top5/fold-3', metric: 'f1_buy', value: 0.61, provenance: { build_sha: 'abc123', instance_type: 'test-box' } },
      { promote: true },
    );
    const verdictJob = await c.client.submit('verdict', { cell: 'defi_top5/fold-3', metric: 'f1_buy', profile: 'prod', image_sha: 'sha256:prod-1' });
    const verdict = (await c.client.waitForJob(verdictJob.job_id, { timeoutMs: 60_000, pollMs: 100 })).result as { verdict: { reason: string | null; epsilon_prod?: unknown } };
    expect(verdict.verdict.reason).not.toBe('epsilon_prod_unmeasured');

    // resubmitting for the same key: reused, no runs
    const again = await c.client.submit('envelope', { cell: 'defi_top5/fold-3', metric: 'f1_buy', profile: 'prod', image_sha: 'sha256:prod-1' });
    const reused = (await c.client.waitForJob(again.job_id, { timeoutMs: 30_000, pollMs: 100 })).result as EnvelopeResult;
    expect(reused.reused).toBe(true);
    expect(reused.eps_prod.eps_prod).toBe(result.eps_prod.eps_prod);
    expect(runsStarted(marker)).toBe(10 + 2); // the verdict job's two replays only
  });

  it('two envelope jobs for one key claimed at once by two workers: the advisory key lock lets one measure; the other waits, then reuses it', async () => {
    const c = await cluster();
    const { configPath, dir } = writeWorkerConfig({ prod: trainProfile(['--jitter', '0.01', '--sleep-ms', '150', '--marker', 'MARKER']) });
    const marker = join(dir, 'runs.log');
    const config = JSON.parse(readFileSync(configPath, 'utf8'));
    config.profiles.prod.command = config.profiles.prod.command.map((a: string) => (a === 'MARKER' ? marker : a));
    (await import('node:fs')).writeFileSync(configPath, JSON.stringify(config));
    const workers = spawnWorkers(c, 2, configPath, ['--concurrency', '1', '--queues', 'envelope']);
    await ready(workers);

    const payload = { cell: 'lock-cell', metric: 'f1_buy', profile: 'prod', image_sha: 'sha256:prod-2', n: 10 } as const;
    const ids = [(await c.client.submit('envelope', payload)).job_id, (await c.client.submit('envelope', payload)).job_id];
    // both jobs are claimed, by different workers, before either has finished: they really ran at once
    await Promise.all(ids.map((id) => Promise.race(workers.map((w) => w.waitFor((l) => l.event === 'job_claimed' && l.job_id === id)))));
    const claimers = ids.map((id) => loggedBy(workers, id, 'job_claimed'));
    expect(new Set(claimers.flat()).size).toBe(2);
    expect(workers.some((w) => w.lines.some((l) => l.event === 'job_completed'))).toBe(false);

    const results = await Promise.all(ids.map(async (id) => (await c.client.waitForJob(id, { timeoutMs: 90_000, pollMs: 100 })).result as EnvelopeResult));
    expect(results.map((r) => r.reused).sort()).toEqual([false, true]);
    const [measured, waited] = results[0]!.reused ? [results[1]!, results[0]!] : [results[0]!, results[1]!];
    expect(waited.eps_prod.eps_prod).toBe(measured.eps_prod.eps_prod);
    expect(runsStarted(marker)).toBe(10); // measured once, not twice
    expect(await c.canonical.getEpsProd('sha256:prod-2', 'lock-cell', 'f1_buy')).toMatchObject({ present: true, n: 10, eps_prod: measured.eps_prod.eps_prod });
  });
});
