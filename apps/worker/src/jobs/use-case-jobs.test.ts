import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CanonicalStore, openCanonicalStore } from '@repro/canonical-provenance';
import type { EnvelopeJobPayload, VerdictJobPayload } from '@repro/job-queue';
import { QueueDatabase } from '@repro/job-queue';
import { SecretRedactor } from '@repro/replay-runner';
import { FsStore } from '@repro/s43-transport';
import { createTestSchema, needPostgres, type TestPostgres } from '@repro/test-services';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TRAIN_CELL } from '../../test/worker-harness.js';
import { type ReplayProfile, replayProfileSchema } from '../config/worker-config-schema.js';
import { createWorkerLogger, logEvent } from '../log/worker-logger.js';
import { withAdvisoryKeyLock } from '../store/advisory-key-lock.js';
import { VerdictLedger } from '../store/verdict-ledger.js';
import { runEnvelopeJob } from './envelope-job.js';
import type { JobContext } from './job-context.js';
import { PermanentJobError } from './permanent-job-error.js';
import { runVerdictJob } from './verdict-job.js';

// The job bodies in-process on real services: PostgreSQL (store, ledger, advisory key lock), a local
// object store, real replay processes. A job carries every option the CLI offers (the use case's schema).
const postgres = await needPostgres();
/** These tests plant no secret. */
const NO_SECRETS = new SecretRedactor([]);

function jobContext(lines: Record<string, unknown>[]): JobContext {
  const log = createWorkerLogger({ level: 'info', workerId: 'test', redactor: NO_SECRETS, write: (line) => lines.push(JSON.parse(line)) });
  return { jobId: randomUUID(), queue: 'test', retryCount: 0, signal: new AbortController().signal, log, emit: (event) => logEvent(log, event) };
}

describe.skipIf(postgres === null)('verdict and envelope jobs call the use cases with the CLI options', () => {
  let storeSchema: TestPostgres;
  let queueSchema: TestPostgres;
  let store: CanonicalStore;
  let db: QueueDatabase;
  let ledger: VerdictLedger;
  const profiles: Record<string, ReplayProfile> = {
    cell: replayProfileSchema.parse({ command: [process.execPath, TRAIN_CELL, '--value', '0.61'], timeout_s: 60 }),
    slowish: replayProfileSchema.parse({ command: [process.execPath, TRAIN_CELL, '--sleep-ms', '100'], timeout_s: 60 }),
    jittery: replayProfileSchema.parse({ command: [process.execPath, TRAIN_CELL, '--jitter', '0.1'], timeout_s: 60, replay_count: 3 }),
    crashing: replayProfileSchema.parse({ command: [process.execPath, '-e', "console.error('Error: feature table missing'); process.exit(3)"], timeout_s: 60 }),
  };

  beforeAll(async () => {
    storeSchema = await createTestSchema('wj');
    queueSchema = await createTestSchema('wjq');
    store = await openCanonicalStore({ connection: { kind: 'postgres', url: storeSchema.url }, schema: storeSchema.schema });
    await store.migrate();
    db = new QueueDatabase({ databaseUrl: queueSchema.url, schema: queueSchema.schema });
    ledger = new VerdictLedger(db);
    await ledger.install();
  });
  afterAll(async () => {
    await store?.close();
    await db?.close();
    await storeSchema?.drop();
    await queueSchema?.drop();
  });

  const envelopeDeps = () => ({ profiles, parentEnv: process.env, store, withKeyLock: <T>(key: string, signal: AbortSignal, work: () => Promise<T>) => withAdvisoryKeyLock(db, key, signal, work, 50) });

  it('an envelope job measures with coverage, confidence and method, stores eps_prod; an unmeasured one is measured again, a measured one reused', async () => {
    const lines: Record<string, unknown>[] = [];
    const payload = { cell: 'c/1', metric: 'f1_buy', profile: 'cell', image_sha: 'img-opts', n: 10, force: false, coverage: 0.9, confidence: 0.8, method: 'nonparametric' };
    const first = await runEnvelopeJob(payload as EnvelopeJobPayload, jobContext(lines), envelopeDeps());
    expect(first).toMatchObject({ reused: false, eps_prod: { status: 'unmeasured', reason: 'too_few_pairs', method: 'nonparametric', coverage: 0.9, confidence: 0.8, n: 10 } });
    expect(lines.filter((l) => l.event === 'envelope_progress')).toHaveLength(10);
    const remeasured = await runEnvelopeJob({ ...payload, method: 'pairwise-normal' } as EnvelopeJobPayload, jobContext(lines), envelopeDeps());
    expect(remeasured).toMatchObject({ reused: false, refused_unmeasured: { reason: 'too_few_pairs', n: 10 }, eps_prod: { status: 'measured', method: 'pairwise-normal' } });
    expect(lines.some((l) => l.event === 'eps_prod_remeasured')).toBe(true);
    const again = await runEnvelopeJob({ ...payload, method: 'nonparametric' } as EnvelopeJobPayload, jobContext(lines), envelopeDeps());
    expect(again).toMatchObject({ reused: true, refused_unmeasured: null, eps_prod: { method: 'pairwise-normal' } });
    expect(again.eps_prod).not.toHaveProperty('samples');
    expect(lines.some((l) => l.event === 'eps_prod_reused')).toBe(true);
  });

  it('two envelope jobs for one key at once: the advisory key lock lets one measure; the other reuses its envelope', async () => {
    const lines: Record<string, unknown>[] = [];
    const payload = { cell: 'c/2', metric: 'f1_buy', profile: 'slowish', image_sha: 'img-race', n: 10, force: false } as EnvelopeJobPayload;
    const results = await Promise.all([runEnvelopeJob(payload, jobContext(lines), envelopeDeps()), runEnvelopeJob(payload, jobContext(lines), envelopeDeps())]);
    expect(results.map((r) => r.reused).sort()).toEqual([false, true]);
    expect(lines.filter((l) => l.event === 'replay_started')).toHaveLength(10);
    expect(results[0]!.eps_prod.measured_at).toBe(results[1]!.eps_prod.measured_at);
  });

  it('a verdict job honours parity_dims and eps_num; a timeout_s above the profile fails permanently naming it', async () => {
    await store.recordCanonical({ run_id: 'canon-j', cell: 'c/3', metric: 'f1_buy', value: 0.6, provenance: { build_sha: 'abc123', instance_type: 'test-box' } }, { promote: true });
    await store.putEpsProd({ image_sha: 'img-v', cell: 'c/3', metric: 'f1_buy', status: 'measured', eps_prod: 0, n: 10, method: 'pairwise-normal', coverage: 0.95, confidence: 0.95, mean: 0.6, sd: 0, samples: Array(10).fill(0.6) });
    const deps = { profiles, parentEnv: process.env, defaultImageSha: 'img-v', store, artefacts: new FsStore(mkdtempSync(join(tmpdir(), 'repro-wj-'))), artefactPrefix: null, ledger, now: () => new Date('2026-12-04T12:00:00Z'), redactor: NO_SECRETS };
    const base = { cell: 'c/3', metric: 'f1_buy', profile: 'cell' };
    const strict = await runVerdictJob({ ...base, parity_dims: ['build_sha', 'instance_type'] } as VerdictJobPayload, jobContext([]), deps);
    expect(strict.verdict).toMatchObject({ verdict: 'CANONICAL_DIVERGENCE', cause: 'logic_fidelity_gap', parity_dims: { build_sha: 'equal', instance_type: 'equal' } });
    const wide = await runVerdictJob({ ...base, parity_dims: ['build_sha'], eps_num: 0.05, replays: 'sequential' } as VerdictJobPayload, jobContext([]), deps);
    expect(wide.verdict).toMatchObject({ verdict: 'FIDELITY_OK', eps_num: 0.05 });
    expect(wide.replays?.mode).toBe('sequential');
    const tooLong = runVerdictJob({ ...base, timeout_s: 61 } as VerdictJobPayload, jobContext([]), deps);
    await expect(tooLong).rejects.toBeInstanceOf(PermanentJobError);
    await expect(tooLong).rejects.toMatchObject({ kind: 'invalid_input', field: 'timeout_s' });
    const badDims = runVerdictJob({ ...base, parity_dims: [] as string[] } as VerdictJobPayload, jobContext([]), deps);
    await expect(badDims).rejects.toMatchObject({ kind: 'invalid_input', field: 'parity_dims' });
  });

  it('a verdict job with localize: true localises when the replays disagree; K from the profile; failures carry their stderr tail in the job result', async () => {
    const deps = { profiles, parentEnv: process.env, defaultImageSha: undefined, store, artefacts: new FsStore(mkdtempSync(join(tmpdir(), 'repro-wj-'))), artefactPrefix: null, ledger, now: () => new Date('2026-12-04T12:00:00Z'), redactor: NO_SECRETS };
    const localized = await runVerdictJob({ cell: 'c/4', metric: 'f1_buy', profile: 'jittery', localize: true, factors: ['locale'] } as VerdictJobPayload, jobContext([]), deps);
    expect(localized.verdict).toMatchObject({ verdict: 'NON_DETERMINISTIC', replay_power: { replays: 3 }, localization: { culprit: 'pinned_baseline' } });
    expect(localized.all_replays?.map((replay) => replay.label)).toEqual(['A', 'B', 'C']);
    const crashed = await runVerdictJob({ cell: 'c/5', metric: 'f1_buy', profile: 'crashing' } as VerdictJobPayload, jobContext([]), deps);
    expect(crashed.verdict).toMatchObject({ verdict: 'INCONCLUSIVE_TOOLING', reason: 'replay_error' });
    expect(crashed.replays?.a.error).toMatchObject({ kind: 'nonzero_exit', stderr_tail: expect.stringContaining('Error: feature table missing') });
  });
});

describe.skipIf(postgres === null)('a verdict job writes its HTML report beside the artefact when asked', () => {
  it('report: true (or the profile’s report) puts <job_id>.html next to <job_id>.json, with the verdict’s values on the page', async () => {
    const storeSchema = await createTestSchema('wjr');
    const queueSchema = await createTestSchema('wjrq');
    const store = await openCanonicalStore({ connection: { kind: 'postgres', url: storeSchema.url }, schema: storeSchema.schema });
    const db = new QueueDatabase({ databaseUrl: queueSchema.url, schema: queueSchema.schema });
    try {
      await store.migrate();
      const ledger = new VerdictLedger(db);
      await ledger.install();
      await store.recordCanonical({ run_id: 'canon-r', cell: 'c/r', metric: 'f1_buy', value: 0.61, provenance: { build_sha: 'abc' } }, { promote: true });
      await store.putEpsProd({ image_sha: 'img-r', cell: 'c/r', metric: 'f1_buy', status: 'measured', eps_prod: 0.01, n: 10, method: 'pairwise-normal', coverage: 0.95, confidence: 0.95, mean: 0.61, sd: 0.003, samples: [0.605, 0.607, 0.609, 0.611, 0.613, 0.61, 0.608, 0.612, 0.606, 0.614] });
      const artefacts = new FsStore(mkdtempSync(join(tmpdir(), 'repro-wjr-')));
      const profiles = {
        cell: replayProfileSchema.parse({ command: [process.execPath, TRAIN_CELL, '--value', '0.61'], timeout_s: 60 }),
        reporting: replayProfileSchema.parse({ command: [process.execPath, TRAIN_CELL, '--value', '0.61'], timeout_s: 60, report: true }),
      };
      const deps = { profiles, parentEnv: process.env, defaultImageSha: 'img-r', store, artefacts, artefactPrefix: null, ledger, now: () => new Date('2026-12-04T12:00:00Z'), redactor: NO_SECRETS };
      const asked = await runVerdictJob({ cell: 'c/r', metric: 'f1_buy', profile: 'cell', report: true } as VerdictJobPayload, jobContext([]), deps);
      expect(asked.report?.key).toBe(asked.artefact.key.replace(/\.json$/, '.html'));
      const page = new TextDecoder().decode((await artefacts.get(asked.report!.key)).body);
      expect(page).toMatch(/^<!doctype html>/i);
      expect(page).toContain(asked.verdict.verdict);
      expect(page).toContain('c/r');
      const byProfile = await runVerdictJob({ cell: 'c/r', metric: 'f1_buy', profile: 'reporting' } as VerdictJobPayload, jobContext([]), deps);
      expect(byProfile.report).toBeDefined();
      const notAsked = await runVerdictJob({ cell: 'c/r', metric: 'f1_buy', profile: 'reporting', report: false } as VerdictJobPayload, jobContext([]), deps);
      expect(notAsked.report).toBeUndefined();
      expect(await artefacts.head(notAsked.artefact.key.replace(/\.json$/, '.html'))).toBeNull();
    } finally {
      await store.close();
      await db.close();
      await storeSchema.drop();
      await queueSchema.drop();
    }
  });
});
