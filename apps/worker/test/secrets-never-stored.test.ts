import type { JobView } from '@repro/job-queue';
import { filesAsText, needPostgres, postgresSchemaAsText, testDatabaseUrl } from '@repro/test-services';
import { afterEach, describe, expect, it } from 'vitest';
import { type Cluster, cluster, ready, spawnWorkers, stopClusters } from './worker-cluster-harness.js';
import { FAST_QUEUE, trainProfile, writeWorkerConfig } from './worker-harness.js';

// Secrets never stored, through a real `repro-worker`: its replays run as its user and read its
// environment (/proc/<ppid>/environ: no pass_env needed), then report what they read in their
// fingerprint (feature_versions), as a metric name and on stderr. Every store is read back as text — the
// job results and errors and the verdict ledger (the queue schema's tables), the verdict history (the
// store schema's tables), the artefact files, the worker's logs — and holds the marker, never the secret.
const postgres = await needPostgres();

const SECRET = 'wrk-sekrit-5d3f9a0c';
const SECRET_MARKER = '[redacted:REPRO_TEST_SECRET]';
/** The workers' DATABASE_URL gets a password (trust auth ignores it; one already there is kept). */
const DATABASE = (() => {
  const url = new URL(testDatabaseUrl());
  if (url.password === '') url.password = 'pgw-pass-8b1c4e72';
  return { url: url.toString(), password: decodeURIComponent(url.password) };
})();
const DATABASE_MARKER = '[redacted:DATABASE_URL]';

afterEach(stopClusters);

async function everyStore(c: Cluster, storeDir: string): Promise<Record<string, string>> {
  return {
    'queue schema (job results and errors, verdict ledger)': await postgresSchemaAsText(c.queue.schema),
    'store schema (verdict history)': await postgresSchemaAsText(c.store.schema),
    'artefact files': filesAsText(storeDir),
    'worker logs': c.workers.map((w) => `${w.stdout}\n${w.stderr}`).join('\n'),
  };
}

describe.skipIf(postgres === null)('repro-worker: a secret a replay reads from the worker and reports is in no store', () => {
  it('verdict jobs (a secret and the DATABASE_URL password in the fingerprint, as a metric name, in an error) and a failed envelope job', async () => {
    const c = await cluster(DATABASE.url);
    await c.canonical.recordCanonical(
      { run_id: 'canon-1', cell: 'c/secret', metric: 'f1_buy', value: 0.61, provenance: { build_sha: 'abc123', instance_type: 'test-box', feature_versions: { feature_store: SECRET_MARKER } } },
      { promote: true },
    );
    const { configPath, storeDir } = writeWorkerConfig(
      {
        'reads-secret': trainProfile(['--report-env', 'REPRO_TEST_SECRET'], { report: true }),
        'reads-database': trainProfile(['--report-env', 'DATABASE_URL']),
      },
      { queue: { ...FAST_QUEUE, retry_limit: 0 } },
    );
    const [worker] = spawnWorkers(c, 1, configPath, ['--concurrency', '2'], { REPRO_TEST_SECRET: SECRET, REPRO_SECRET_ENV: 'REPRO_TEST_SECRET' });
    await ready([worker!]);

    const submit = (queue: 'verdict' | 'envelope', payload: Record<string, unknown>) => c.client.submit(queue, payload as never);
    const jobs = {
      secret: await submit('verdict', { cell: 'c/secret', metric: 'f1_buy', profile: 'reads-secret', parity_dims: ['build_sha', 'instance_type'] }),
      database: await submit('verdict', { cell: 'c/db', metric: 'f1_buy', profile: 'reads-database' }),
      // the required metric is absent: the error lists the reported metric names, the secret's among them
      failingReplay: await submit('verdict', { cell: 'c/fail', metric: 'f1_sell', profile: 'reads-secret' }),
      // every run fails the same way: the job fails, its error quoting the runs' errors
      failingEnvelope: await submit('envelope', { cell: 'c/env', metric: 'f1_sell', profile: 'reads-secret', image_sha: 'img-1', n: 2 }),
    };
    const done: Record<string, JobView> = Object.fromEntries(
      await Promise.all(Object.entries(jobs).map(async ([name, { job_id }]) => [name, await c.client.waitForJob(job_id, { timeoutMs: 120_000, pollMs: 200 })])),
    );
    expect(Object.fromEntries(Object.entries(done).map(([name, job]) => [name, job.state]))).toEqual({ secret: 'completed', database: 'completed', failingReplay: 'completed', failingEnvelope: 'failed' });

    // the replays did read and report the secrets: the markers stand where they were
    const secretVerdict = (done.secret!.result as { verdict: { audit: { replay_fingerprint: Record<string, unknown> }; parity_dims: Record<string, string> } }).verdict;
    expect(secretVerdict.audit.replay_fingerprint.feature_versions).toEqual({ feature_store: SECRET_MARKER });
    expect(secretVerdict.parity_dims.feature_versions).toBe('equal'); // the canonical was recorded redacted
    const databaseVerdict = (done.database!.result as { verdict: { audit: { replay_fingerprint: Record<string, unknown> } } }).verdict;
    expect(databaseVerdict.audit.replay_fingerprint.feature_versions).toEqual({ feature_store: DATABASE_MARKER });
    expect(JSON.stringify(done.failingReplay!.result)).toContain(`leak:${SECRET_MARKER}`);
    expect(done.failingEnvelope!.error?.message).toContain(`leak:${SECRET_MARKER}`);

    const stores = await everyStore(c, storeDir);
    expect(stores['queue schema (job results and errors, verdict ledger)']).toContain('repro_verdict_ledger: ');
    expect(stores['store schema (verdict history)']).toContain('c/secret');
    expect(stores['artefact files']).toMatch(/<!doctype html>/i); // the HTML report of the reads-secret profile is there too
    for (const [where, text] of Object.entries(stores)) {
      expect(text, where).not.toContain(SECRET);
      expect(text, where).not.toContain(DATABASE.password);
      expect(text, where).toContain(SECRET_MARKER);
    }
    for (const where of ['queue schema (job results and errors, verdict ledger)', 'store schema (verdict history)', 'artefact files']) {
      expect(stores[where], where).toContain(DATABASE_MARKER);
    }
  }, 240_000);
});
