import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FsStore, npyArray, S43Transport } from '@repro/s43-transport';
import { describe, expect, it } from 'vitest';
import { eventLog, scratchDir } from '../../test/use-case-fixtures.js';
import { gateRun } from './gate-run.js';

async function cohort(pods: string[]) {
  const dir = scratchDir('gate');
  const objectStore = new FsStore(dir);
  const transport = new S43Transport({ store: objectStore });
  for (const pod of pods) await transport.persist('run-42', pod, { preds: npyArray(Float32Array.of(0.1, 0.9), [2]) });
  return { dir, objectStore };
}

describe('gateRun on a local directory object store', () => {
  it('counts the cohort against expected and the named pods, persists _gate.json and emits the outcome', async () => {
    const { dir, objectStore } = await cohort(['pod-0', 'pod-1']);
    const log = eventLog();
    const incomplete = await gateRun({ run_id: 'run-42', expected: 3, pods: ['pod-0', 'pod-2', 'pod-2'] }, { objectStore, emit: log.emit });
    expect(incomplete.gate).toMatchObject({ run_id: 'run-42', cohort_count: 2, expected: 3, complete: false, missing_pods: ['pod-2'], persisted: true });
    expect(incomplete.options.pods).toEqual(['pod-0', 'pod-2']);
    expect(log.events).toMatchObject([{ event: 's43_gate_outcome', complete: false, missing_pods: ['pod-2'] }]);

    const complete = await gateRun({ run_id: 'run-42', expected: 2 }, { objectStore });
    expect(complete.gate).toMatchObject({ complete: true, missing_pods: null, gate_key: 's43-predictions/run-42/_gate.json' });
    expect(JSON.parse(readFileSync(join(dir, complete.gate.gate_key), 'utf8'))).toMatchObject({ complete: true, pods: ['pod-0', 'pod-1'] });
  });

  it('uses the prefix it is given', async () => {
    const { dir, objectStore } = await cohort([]);
    const result = await gateRun({ run_id: 'run-7', expected: 0 }, { objectStore, prefix: 'tenant-a' });
    expect(result.gate).toMatchObject({ complete: true, gate_key: 'tenant-a/run-7/_gate.json' });
    expect(existsSync(join(dir, 'tenant-a', 'run-7', '_gate.json'))).toBe(true);
  });

  it('bad ids and options fail naming the field; nothing is written', async () => {
    const { dir, objectStore } = await cohort([]);
    await expect(gateRun({ run_id: '../x', expected: 1 }, { objectStore })).rejects.toMatchObject({ name: 'UseCaseInputError', field: 'run_id' });
    await expect(gateRun({ run_id: 'run-1', expected: 1, pods: ['ok', 'a/b'] }, { objectStore })).rejects.toMatchObject({ field: 'pods.1' });
    await expect(gateRun({ run_id: 'run-1', expected: -1 }, { objectStore })).rejects.toMatchObject({ field: 'expected' });
    expect(existsSync(join(dir, 's43-predictions'))).toBe(false);
  });

  it('an aborted signal reaches the store: the gate ends in StoreAbortedError and writes nothing', async () => {
    const { dir, objectStore } = await cohort([]);
    await expect(gateRun({ run_id: 'run-1', expected: 1 }, { objectStore, signal: AbortSignal.abort() })).rejects.toMatchObject({ name: 'StoreAbortedError' });
    expect(existsSync(join(dir, 's43-predictions', 'run-1', '_gate.json'))).toBe(false);
  });
});
