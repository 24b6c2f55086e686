import { createTestSchema, needPostgres } from '@repro/test-services';
import { describe, expect, it } from 'vitest';
import { runRepro } from '../../../test/run-cli-in-process.js';

// `repro jobs` / `repro submit` on bad queue URLs, a database without the queue, and ids the worker would
// refuse: each ends at once in one line (exit 2 bad input, 3 no usable queue), before anything is queued.
const postgres = await needPostgres();

describe('repro jobs / submit: the job database URL is checked before any lookup', () => {
  it.each([
    ['garbage', 'DATABASE_URL: not a URL'],
    ['http://127.0.0.1:5432/test', 'DATABASE_URL: scheme "http://" is not supported: only postgres:// and postgresql:// URLs'],
    ['postgres://postgres:pw@127.0.0.1:99999/test', 'DATABASE_URL: port 99999 out of range (1-65535)'],
  ])('DATABASE_URL=%s → exit 2, one line', async (url, message) => {
    for (const argv of [['jobs', 'list'], ['submit', 'gate', '--run', 'r', '--expected', '1']]) {
      const run = await runRepro(argv, { env: { DATABASE_URL: url } });
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(message);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      expect(run.stderr).not.toContain('pw@');
    }
  });
});

describe.skipIf(postgres === null)('repro jobs / submit on PostgreSQL', () => {
  it('jobs list on a database without the queue schema: exit 3 saying there is no job queue (never "no jobs", exit 0)', async () => {
    const empty = await createTestSchema('cqm');
    try {
      const run = await runRepro(['jobs', 'list'], { env: { DATABASE_URL: empty.url, REPRO_QUEUE_SCHEMA: empty.schema } });
      expect(run.code).toBe(3);
      expect(run.stderr).toContain(`schema "${empty.schema}" holds no pg-boss queue`);
      expect(run.stdout).toBe('');
    } finally {
      await empty.drop();
    }
  });

  it.each([
    [['submit', 'verdict', '--cell', '../../x', '--metric', 'm', '--profile', 'p'], '--cell'],
    [['submit', 'verdict', '--cell', '/abs', '--metric', 'm', '--profile', 'p'], '--cell'],
    [['submit', 'verdict', '--cell', 'a/./b', '--metric', 'm', '--profile', 'p'], '--cell'],
    [['submit', 'verdict', '--cell', 'x'.repeat(100_000), '--metric', 'm', '--profile', 'p'], '--cell'],
    [['submit', 'verdict', '--cell', 'x'.repeat(480), '--metric', 'm', '--profile', 'p'], '--cell'],
    [['submit', 'verdict', '--cell', 'c', '--metric', '   ', '--profile', 'p'], '--metric'],
    [['submit', 'verdict', '--cell', 'c', '--metric', 'm', '--profile', 'p', '--image-sha', 'sha\u001b[2J'], '--image-sha'],
    [['submit', 'gate', '--run', '../../x', '--expected', '1'], '--run'],
    [['submit', 'gate', '--run', 'r', '--expected', '1', '--pods', 'p0,a/b'], 'pods'],
  ])('%j is refused at submit time (exit 2 naming %s), nothing queued', async (argv, flag) => {
    const queue = await createTestSchema('cqi');
    try {
      const env = { DATABASE_URL: queue.url, REPRO_QUEUE_SCHEMA: queue.schema };
      const run = await runRepro(argv, { env });
      expect(run.code).toBe(2);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      expect(run.stderr).toContain(flag);
      // control characters never reach the terminal raw
      expect(run.stderr).not.toContain('\u001b');
      expect((await runRepro(['jobs', 'list'], { env })).code).toBe(3);
    } finally {
      await queue.drop();
    }
  });
});
