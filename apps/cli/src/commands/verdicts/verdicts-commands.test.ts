import { assessObservation, observationSchema, type Verdict } from '@repro/verdict-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runRepro } from '../../../test/run-cli-in-process.js';
import { cliStoreBackends } from '../../../test/store-backends.js';

const backends = await cliStoreBackends();
afterAll(async () => {
  for (const backend of backends) await backend.close();
});

function verdict(cell: string, metric: string, decidedAt: string, replayB: number): Verdict {
  const observation = observationSchema.parse({
    cell,
    metric,
    replay_a: { value: 0.61 },
    replay_b: { value: replayB },
    canonical: { run_id: 'r1', value: 0.61 },
    eps_prod: { value: 0.002, image_sha: 'sha256:prod' },
  });
  return assessObservation(observation, { decidedAt, parityDims: ['build_sha'] }).verdict;
}

describe.each(backends)('repro verdicts list on $name', (backend) => {
  let env: Record<string, string>;
  const saved = [
    verdict('a', 'f1_buy', '2026-11-01T10:00:00Z', 0.61),
    verdict('b', 'f1_buy', '2026-11-02T10:00:00Z', 0.62),
    verdict('a', 'f1_sell', '2026-11-03T10:00:00Z', 0.61),
    verdict('a', 'f1_buy', '2026-11-04T10:00:00Z', 0.63),
  ];
  beforeAll(async () => {
    const schema = await backend.newSchema();
    env = backend.env(schema);
    const store = await backend.openStore(schema);
    try {
      await store.migrate();
      for (const v of saved) await store.saveVerdict(v);
    } finally {
      await store.close();
    }
  });
  const list = async (...flags: string[]) => {
    const run = await runRepro(['verdicts', 'list', ...flags, '--json'], { env });
    expect(run.code, run.stderr).toBe(0);
    return JSON.parse(run.stdout) as Verdict[];
  };

  it('prints the stored Verdict artefacts as one JSON array, newest first', async () => {
    expect(await list()).toEqual([saved[3], saved[2], saved[1], saved[0]]);
  });

  it('filters by cell, metric and verdict, and limits', async () => {
    expect(await list('--cell', 'a')).toEqual([saved[3], saved[2], saved[0]]);
    expect(await list('--cell', 'a', '--metric', 'f1_buy')).toEqual([saved[3], saved[0]]);
    expect(await list('--verdict', 'NON_DETERMINISTIC')).toEqual([saved[3], saved[1]]);
    expect(await list('--limit', '2')).toEqual([saved[3], saved[2]]);
    expect(await list('--cell', 'zzz')).toEqual([]);
  });

  it('prints a table for people and rejects a bad --limit or --verdict', async () => {
    const table = await runRepro(['verdicts', 'list', '--cell', 'b'], { env });
    expect(table.stdout).toMatch(/^decided_at\s+cell\s+metric\s+verdict/);
    expect(table.stdout).toMatch(/2026-11-02T10:00:00Z\s+b\s+f1_buy\s+NON_DETERMINISTIC\s+real_instability/);
    for (const limit of ['0', '1.5', 'ten', '10001']) {
      const bad = await runRepro(['verdicts', 'list', '--limit', limit], { env });
      expect(bad.code).toBe(2);
      expect(bad.stderr).toMatch(new RegExp(`^repro: --limit: "${limit.replace('.', '\\.')}" (is out of range: must be ≥ 1 and ≤ 10000|is not an integer)`));
    }
    expect((await runRepro(['verdicts', 'list', '--verdict', 'MAYBE'], { env })).code).toBe(2);
  });
});
