import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JobQueueClient } from '@repro/job-queue';
import { createTestSchema, needPostgres } from '@repro/test-services';
import { describe, expect, it } from 'vitest';
import { startWorker, trainProfile, writeWorkerConfig } from './worker-harness.js';

// kill -9 of a worker mid-replay: its replays (process groups) die with it and no /tmp/repro-replay-*
// folder is left (the replay-runner's orphan watchdog), instead of running on under pid 1.
const postgres = await needPostgres();

function isLive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0];
    return state !== 'Z' && state !== 'X';
  } catch {
    return false;
  }
}

async function until(test: () => boolean, withinMs: number): Promise<boolean> {
  const deadline = Date.now() + withinMs;
  while (!test()) {
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 100));
  }
  return true;
}

describe.skipIf(postgres === null || process.platform !== 'linux')('repro-worker killed with SIGKILL mid-replay', () => {
  it('leaves no replay running and no repro-replay-* folder, within a bound', { timeout: 120_000 }, async () => {
    const queue = await createTestSchema('woq');
    const store = await createTestSchema('wos');
    const temp = mkdtempSync(join(tmpdir(), 'repro-orphans-'));
    const { configPath } = writeWorkerConfig({ slow: trainProfile(['--sleep-ms', '600000'], { timeout_s: 900 }) });
    const worker = startWorker({ databaseUrl: queue.url, queueSchema: queue.schema, storeSchema: store.schema }, configPath, [], { TMPDIR: temp });
    const client = await JobQueueClient.open({ databaseUrl: queue.url, schema: queue.schema });
    try {
      await worker.waitForEvent('worker_ready', 60_000);
      await client.submit('verdict', { cell: 'c', metric: 'f1_buy', profile: 'slow' });
      const started = await Promise.all([
        worker.waitFor((l) => l.event === 'replay_started' && l.label === 'A', 30_000),
        worker.waitFor((l) => l.event === 'replay_started' && l.label === 'B', 30_000),
      ]);
      const pids = started.map((l) => Number(l.pid));
      expect(pids.every(isLive)).toBe(true);
      expect(readdirSync(temp).filter((d) => d.startsWith('repro-replay-'))).toHaveLength(2);

      expect((await worker.stop('SIGKILL')).signal).toBe('SIGKILL');
      expect(await until(() => !pids.some(isLive), 15_000)).toBe(true);
      expect(await until(() => readdirSync(temp).length === 0, 5_000)).toBe(true);
    } finally {
      await worker.stop('SIGKILL');
      await client.close();
      await queue.drop();
      await store.drop();
    }
  });
});
