import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTestSchema, freePort, needPostgres, type TestPostgres } from '@repro/test-services';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runRepro } from '../../../test/run-cli-in-process.js';

// `repro submit` and `repro jobs` against a real PostgreSQL and a real repro-worker process.
const postgres = await needPostgres();
// The worker app of this repository (the CLI does not depend on it; jobs go through @repro/job-queue).
const workerDir = fileURLToPath(new URL('../../../../worker/', import.meta.url));

describe.skipIf(postgres === null)('repro submit / repro jobs', () => {
  let queue: TestPostgres;
  let store: TestPostgres;
  let env: Record<string, string>;
  let worker: ReturnType<typeof spawn>;
  let workerLog = '';

  beforeAll(async () => {
    queue = await createTestSchema('cq');
    store = await createTestSchema('cs');
    env = { DATABASE_URL: queue.url, REPRO_QUEUE_SCHEMA: queue.schema, PATH: process.env.PATH ?? '' };
    const dir = mkdtempSync(join(tmpdir(), 'repro-cli-jobs-'));
    const child = join(dir, 'cell.cjs');
    writeFileSync(child, "require(process.env.REPRO_NODE_CHILD).writeResult({ f1_buy: 0.5 }, { build_sha: 'b1', instance_type: 't' });\n");
    writeFileSync(
      join(dir, 'worker.json'),
      JSON.stringify({ profiles: { trivial: { command: ['node', child], timeout_s: 30 } }, store: `file://${join(dir, 'store')}`, queue: { poll_interval_ms: 100, lease_s: 10, maintenance_interval_s: 1 } }),
    );
    worker = spawn(process.execPath, [join(workerDir, 'bin/repro-worker.js'), '--config', join(dir, 'worker.json'), '--port', '0', '--host', '127.0.0.1', '--concurrency', '2'], {
      env: { ...env, HOME: process.env.HOME ?? '', REPRO_DB_SCHEMA: store.schema },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    worker.stdout!.on('data', (d: Buffer) => {
      workerLog += d.toString();
    });
    worker.stderr!.on('data', (d: Buffer) => {
      workerLog += d.toString();
    });
    const started = Date.now();
    while (!workerLog.includes('"worker_ready"')) {
      if (Date.now() - started > 30_000 || worker.exitCode !== null) throw new Error(`repro-worker did not get ready:\n${workerLog}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  });

  afterAll(async () => {
    if (worker && worker.exitCode === null) {
      worker.kill('SIGTERM');
      await new Promise((r) => worker.once('exit', r));
    }
    await queue?.drop();
    await store?.drop();
  });

  it('submit verdict --json prints {job_id}; jobs wait exits with the verdict’s code; jobs show --json is {id, queue, state, result}', async () => {
    const submitted = await runRepro(['submit', 'verdict', '--cell', 'defi_top5/fold-3', '--metric', 'f1_buy', '--profile', 'trivial', '--json'], { env });
    expect(submitted.code).toBe(0);
    const { job_id } = JSON.parse(submitted.stdout);
    expect(Object.keys(JSON.parse(submitted.stdout))).toEqual(['job_id']);

    const waited = await runRepro(['jobs', 'wait', job_id, '--timeout', '60', '--json'], { env });
    // no canonical recorded for the cell: INCONCLUSIVE_TOOLING canonical_absent → exit 12
    expect(waited.code).toBe(12);
    const shown = await runRepro(['jobs', 'show', job_id, '--json'], { env });
    expect(shown.code).toBe(0);
    const job = JSON.parse(shown.stdout);
    expect(Object.keys(job).sort()).toEqual(['id', 'queue', 'result', 'state']);
    expect(job).toMatchObject({ id: job_id, queue: 'verdict', state: 'completed', result: { verdict: { verdict: 'INCONCLUSIVE_TOOLING', reason: 'canonical_absent' } } });
    expect(JSON.parse(waited.stdout)).toEqual(job);

    const human = await runRepro(['jobs', 'show', job_id], { env });
    expect(human.stdout).toMatch(/state\s+completed/);
    expect(human.stdout).toMatch(/verdict\s+INCONCLUSIVE_TOOLING/);
  });

  it('submit gate → jobs wait exits 13 for an incomplete cohort; jobs list filters by queue and state', async () => {
    const submitted = await runRepro(['submit', 'gate', '--run', 'run-7', '--expected', '3', '--json'], { env });
    const { job_id } = JSON.parse(submitted.stdout);
    const waited = await runRepro(['jobs', 'wait', job_id, '--json', '--events'], { env });
    expect(waited.code).toBe(13);
    expect(JSON.parse(waited.stdout).result).toMatchObject({ run_id: 'run-7', cohort_count: 0, expected: 3, complete: false });
    expect(waited.stderr).toContain('"event":"job_state"');

    const listed = await runRepro(['jobs', 'list', '--queue', 'gate', '--state', 'completed', '--json'], { env });
    expect(listed.code).toBe(0);
    const rows = JSON.parse(listed.stdout) as { id: string; queue: string; state: string; payload: unknown }[];
    expect(rows.map((r) => r.id)).toContain(job_id);
    expect(rows.every((r) => r.queue === 'gate' && r.state === 'completed')).toBe(true);
    expect(rows.find((r) => r.id === job_id)!.payload).toEqual({ run_id: 'run-7', expected: 3, allow_unexpected: false, verify: false });
    const table = await runRepro(['jobs', 'list', '--queue', 'gate'], { env });
    expect(table.stdout).toContain(job_id);
  });

  it('an unknown profile: the job fails permanently; jobs wait exits 1 and prints the reason', async () => {
    const { job_id } = JSON.parse((await runRepro(['submit', 'envelope', '--cell', 'c', '--metric', 'm', '--profile', 'nope', '--image-sha', 'sha1', '--json'], { env })).stdout);
    const waited = await runRepro(['jobs', 'wait', job_id, '--json'], { env });
    expect(waited.code).toBe(1);
    expect(JSON.parse(waited.stdout)).toMatchObject({ state: 'failed', error: { kind: 'unknown_profile', field: 'profile' } });
  });

  it('bad input exits 2 naming the flag, before anything is queued', async () => {
    const n = await runRepro(['submit', 'envelope', '--cell', 'c', '--metric', 'm', '--profile', 'p', '--image-sha', 's', '-n', '0'], { env });
    expect(n.code).toBe(2);
    expect(n.stderr).toContain('-n: ');
    const expected = await runRepro(['submit', 'gate', '--run', 'r', '--expected', 'three'], { env });
    expect(expected.code).toBe(2);
    expect(expected.stderr).toContain('--expected: "three" is not an integer');
    const cell = await runRepro(['submit', 'verdict', '--cell', '', '--metric', 'm', '--profile', 'p'], { env });
    expect(cell.code).toBe(2);
    expect(cell.stderr).toContain('--cell: ');
    const badId = await runRepro(['jobs', 'show', 'not-a-uuid'], { env });
    expect(badId.code).toBe(2);
    const unknown = await runRepro(['jobs', 'show', '00000000-0000-4000-8000-000000000000', '--json'], { env });
    expect(unknown.code).toBe(2);
    expect(JSON.parse(unknown.stdout)).toMatchObject({ error: { code: 'job_not_found' } });
    expect((await runRepro(['jobs', 'list', '--state', 'done'], { env })).code).toBe(2);
    expect((await runRepro(['jobs', 'wait', '00000000-0000-4000-8000-000000000000', '--timeout', '0'], { env })).code).toBe(2);
  });

  it('without DATABASE_URL: exit 2 saying so; an unreachable database: exit 3 with host:port, no stack', async () => {
    const missing = await runRepro(['jobs', 'list'], { env: {} });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('DATABASE_URL is required');
    const port = await freePort();
    const down = await runRepro(['submit', 'gate', '--run', 'r', '--expected', '1'], { env: { DATABASE_URL: `postgres://postgres@127.0.0.1:${port}/test` } });
    expect(down.code).toBe(3);
    expect(down.stderr).toContain(`127.0.0.1:${port}/test`);
    expect(down.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('jobs wait --timeout gives up with exit 1 while the job is still queued', async () => {
    worker.kill('SIGTERM');
    await new Promise((r) => worker.once('exit', r));
    const { job_id } = JSON.parse((await runRepro(['submit', 'gate', '--run', 'r-late', '--expected', '1', '--json'], { env })).stdout);
    const waited = await runRepro(['jobs', 'wait', job_id, '--timeout', '0.3', '--json'], { env });
    expect(waited.code).toBe(1);
    expect(waited.stderr).toContain('still created after 0.3 s');
    expect(JSON.parse(waited.stdout)).toEqual({ error: { code: 'wait_timeout', message: `job ${job_id} is still created after 0.3 s`, id: job_id, state: 'created' } });
  });
});
