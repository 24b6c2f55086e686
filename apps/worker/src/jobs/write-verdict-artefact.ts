import { createHash } from 'node:crypto';
import { ObjectExistsError, type ObjectStore } from '@repro/s43-transport';
import type { Verdict } from '@repro/verdict-core';
import { PermanentJobError } from './permanent-job-error.js';

/** `verdicts/<cell>/<job_id>.json` under the store's prefix (a cell such as `defi_top5/fold-3` nests). */
export function verdictArtefactKey(prefix: string | null, cell: string, jobId: string): string {
  return [prefix, 'verdicts', cell, `${jobId}.json`].filter((part) => part !== null && part !== '').join('/');
}

/**
 * Write the artefact create-only. The same bytes already there (a retried job) is success; other bytes
 * under that key is a conflict that fails the job permanently (nothing is overwritten).
 */
export async function writeVerdictArtefact(store: ObjectStore, key: string, verdict: Verdict): Promise<{ key: string; uri: string; created: boolean }> {
  const body = Buffer.from(`${JSON.stringify(verdict, null, 2)}\n`, 'utf8');
  try {
    await store.put(key, body, { createOnly: true });
    return { key, uri: store.uriFor(key), created: true };
  } catch (error) {
    if (!(error instanceof ObjectExistsError)) throw error;
    const stored = await store.get(key);
    const mine = createHash('sha256').update(body).digest('hex');
    if (stored.sha256 !== mine) throw new PermanentJobError('artefact_conflict', `${store.uriFor(key)} already holds a different verdict artefact; nothing was overwritten`);
    return { key, uri: store.uriFor(key), created: false };
  }
}
