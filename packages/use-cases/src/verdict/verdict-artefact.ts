import { createHash } from 'node:crypto';
import { checkObjectKey, InvalidKeyError, ObjectExistsError, type ObjectStore } from '@repro/s43-transport';
import type { Verdict } from '@repro/verdict-core';
import type { Redactor } from '../redactor-port.js';
import { ArtefactConflictError, UseCaseInputError } from '../use-case-errors.js';

/** Where a verdict artefact goes: `<prefix>/verdicts/<cell>/<id>.json` in an object store (`id`: e.g. the job id). */
export interface VerdictArtefactTarget {
  readonly store: ObjectStore;
  readonly prefix?: string | null;
  readonly id: string;
}

/** `verdicts/<cell>/<id>.json` under the prefix (a cell such as `defi_top5/fold-3` nests). */
export function verdictArtefactKey(prefix: string | null | undefined, cell: string, id: string): string {
  return [prefix, 'verdicts', cell, `${id}.json`].filter((part) => part !== null && part !== undefined && part !== '').join('/');
}

/** The artefact's key, checked before anything runs. @throws UseCaseInputError naming `cell` */
export function checkedArtefactKey(target: VerdictArtefactTarget, cell: string): string {
  const key = verdictArtefactKey(target.prefix, cell, target.id);
  try {
    checkObjectKey(key);
  } catch (error) {
    if (error instanceof InvalidKeyError) throw new UseCaseInputError('cell', `${JSON.stringify(cell)} cannot name a verdict artefact: ${error.message}`);
    throw error;
  }
  return key;
}

/** The artefact's bytes: the Verdict as indented JSON and a newline. */
export function verdictArtefactBytes(verdict: Verdict): Buffer {
  return Buffer.from(`${JSON.stringify(verdict, null, 2)}\n`, 'utf8');
}

/**
 * Writes the artefact create-only, the verdict passed through `redactor` first. The same bytes already
 * there (a retried job) is success (`created: false`); other bytes under that key throw
 * ArtefactConflictError (nothing is overwritten).
 */
export async function writeVerdictArtefact(store: ObjectStore, key: string, verdict: Verdict, redactor: Redactor): Promise<{ key: string; uri: string; created: boolean }> {
  const body = verdictArtefactBytes(redactor.redact(verdict));
  try {
    await store.put(key, body, { createOnly: true });
    return { key, uri: store.uriFor(key), created: true };
  } catch (error) {
    if (!(error instanceof ObjectExistsError)) throw error;
    const stored = await store.get(key);
    if (stored.sha256 !== createHash('sha256').update(body).digest('hex')) throw new ArtefactConflictError(key, store.uriFor(key));
    return { key, uri: store.uriFor(key), created: false };
  }
}
