import { createTestSchema, needPostgres } from '@repro/test-services';
import { describe, expect, it } from 'vitest';
import { createPgBoss10Schema } from '../../../packages/job-queue/test/pg-boss-10-schema.js';
import { startWorker, trainProfile, writeWorkerConfig } from './worker-harness.js';

// A worker started on a queue schema an earlier (pg-boss 10) worker left behind refuses it: exit 2, one
// line on stderr saying what to do, nothing in that schema claimed or changed.
const postgres = await needPostgres();

describe.skipIf(postgres === null)('repro-worker on a pg-boss 10 queue schema', () => {
  it('exits 2 with one line naming the schema and its version; the old jobs are not claimed', { timeout: 180_000 }, async () => {
    const queue = await createTestSchema('wpb10');
    const store = await createTestSchema('wpb10s');
    try {
      createPgBoss10Schema(queue.url, queue.schema);
      const { configPath } = writeWorkerConfig({ trivial: trainProfile() });
      const worker = startWorker({ databaseUrl: queue.url, queueSchema: queue.schema, storeSchema: store.schema }, configPath);
      expect(await worker.exited).toEqual({ code: 2, signal: null });
      const lines = worker.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(new RegExp(`^repro-worker: job queue schema "${queue.schema}" on 127\\.0\\.0\\.1:5432/test holds pg-boss schema version 24 \\(pg-boss 10 or older\\)`));
      expect(worker.lines.find((l) => l.event === 'queue_schema_refused')).toMatchObject({ queue_schema: queue.schema, schema_version: 24 });
      expect(worker.lines.some((l) => l.event === 'job_claimed' || l.event === 'worker_ready')).toBe(false);
    } finally {
      await queue.drop();
      await store.drop();
    }
  });
});
