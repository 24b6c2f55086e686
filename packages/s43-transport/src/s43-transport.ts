import { createHash } from 'node:crypto';
import { decodeNpz } from './decode-npz.js';
import { type NpzArrays, encodeNpz } from './encode-npz.js';
import type { NpzMember } from './npy-array.js';
import { npzContentDigest } from './npz-content-digest.js';
import { NpzFormatError } from './npz-error.js';
import type { ObjectStore } from './object-store.js';
import { type GateResult, decideGate } from './cohort-gate.js';
import { DEFAULT_S43_PREFIX, checkS43Id, gateKey, podKey, podOfKey, runPrefix } from './s43-ids.js';
import type { S43Event, S43EventSink } from './s43-events.js';
import { ObjectExistsError } from './store-errors.js';

export interface S43TransportOptions {
  store: ObjectStore;
  /** Key prefix (default `s43-predictions`). */
  prefix?: string;
  emit?: S43EventSink;
  /** Write blobs deflated, as np.savez_compressed (default stored, as np.savez). */
  compressed?: boolean;
  /** Per-member decompressed size limit when loading blobs (see decodeNpz). */
  maxMemberBytes?: number;
  /** Blobs loaded at once by acquire (default 4). */
  concurrency?: number;
}

export interface PersistResult {
  uri: string;
  key: string;
  bytes: number;
  sha256: string;
  /** false when identical content was already stored (a no-op). */
  created: boolean;
}

export interface CohortMember {
  pod: string;
  key: string;
  bytes: number;
  sha256: string;
  arrays: NpzMember[];
  /** The verified blob as stored (only when acquire was asked to keep blobs). */
  blob?: Uint8Array;
}

export interface CohortFailure {
  pod: string;
  key: string;
  reason: string;
}

export interface AcquireResult {
  run_id: string;
  cohort: CohortMember[];
  failures: CohortFailure[];
}

export interface CohortEntry {
  pod: string;
  key: string;
  bytes: number;
}

export interface GateOutcome extends GateResult {
  /** Where the gate result was written, and whether writing it succeeded. */
  gate_key: string;
  persisted: boolean;
}

/** A different blob is already stored under the key (and `overwrite` was not asked for). */
export class PersistConflictError extends Error {
  override name = 'PersistConflictError';
  constructor(
    readonly key: string,
    readonly storedSha256: string,
    readonly newSha256: string,
  ) {
    super(`${key} already holds different content (stored sha256 ${storedSha256}, new ${newSha256}); pass overwrite to replace it`);
  }
}

const reasonOf = (error: unknown) => (error instanceof NpzFormatError ? `${error.code}: ${error.message}` : error instanceof Error ? `${error.name}: ${error.message}` : String(error));

function checkPrefix(prefix: string): string {
  const p = prefix.replace(/\/+$/, '');
  if (p === '' || p.startsWith('/') || p.split('/').some((s) => s === '' || s === '.' || s === '..')) throw new RangeError(`invalid key prefix ${JSON.stringify(prefix)}`);
  return p;
}

async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next;
      next += 1;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return out;
}

/**
 * Pass-by-reference transport of per-pod prediction arrays: `persist` a pod's arrays as
 * `<prefix>/<run_id>/<pod>.npz`, `acquire` the whole cohort of a run, `gate` it against the expected count.
 * Ids are validated before any I/O; every failure is reported (thrown or listed), never dropped.
 */
export class S43Transport {
  readonly store: ObjectStore;
  readonly prefix: string;
  private readonly options: S43TransportOptions;
  private readonly emit: S43EventSink;

  constructor(options: S43TransportOptions) {
    this.options = options;
    this.store = options.store;
    this.prefix = checkPrefix(options.prefix ?? DEFAULT_S43_PREFIX);
    this.emit = options.emit ?? (() => undefined);
  }

  private send(event: S43Event): void {
    try {
      this.emit(event);
    } catch {
      // a broken sink must never break the transport
    }
  }

  keyFor(runId: string, pod: string): string {
    return podKey(this.prefix, runId, pod);
  }

  /**
   * Store a pod's arrays. The same content again → no-op (`created: false`, the stored blob's uri, bytes and
   * sha256), also when it was stored with the other compression setting; different content under an
   * existing key → PersistConflictError unless `overwrite`. Writes are create-only otherwise.
   */
  async persist(runId: string, pod: string, arrays: NpzArrays, options: { overwrite?: boolean } = {}): Promise<PersistResult> {
    let key: string | null = null;
    try {
      key = podKey(this.prefix, runId, pod);
      const body = await encodeNpz(arrays, { compressed: this.options.compressed ?? false });
      return await this.persistBlob(key, body, options.overwrite ?? false);
    } catch (error) {
      this.send({ event: 's43_pred_persist_failed', severity: 'error', run_id: String(runId), pod: String(pod), key, reason: reasonOf(error) });
      throw error;
    }
  }

  private async persistBlob(key: string, body: Uint8Array, overwrite: boolean): Promise<PersistResult> {
    const written = (put: { bytes: number; sha256: string }, created: boolean): PersistResult => ({ uri: this.store.uriFor(key), key, bytes: put.bytes, sha256: put.sha256, created });
    if (overwrite) return written(await this.store.put(key, body), true);
    try {
      return written(await this.store.put(key, body, { createOnly: true }), true);
    } catch (error) {
      if (!(error instanceof ObjectExistsError)) throw error;
    }
    const stored = await this.store.get(key);
    const mine = createHash('sha256').update(body).digest('hex');
    const same = stored.sha256 === mine || (await this.sameArrays(stored.body, body));
    if (!same) throw new PersistConflictError(key, stored.sha256, mine);
    return written({ bytes: stored.body.length, sha256: stored.sha256 }, false);
  }

  /** Do two blobs hold the same arrays (see npzContentDigest)? A stored blob that does not decode holds different content. */
  private async sameArrays(stored: Uint8Array, mine: Uint8Array): Promise<boolean> {
    const limit = this.options.maxMemberBytes === undefined ? {} : { maxMemberBytes: this.options.maxMemberBytes };
    let theirs: string;
    try {
      theirs = npzContentDigest(await decodeNpz(stored, limit));
    } catch (error) {
      if (error instanceof NpzFormatError) return false;
      throw error;
    }
    return theirs === npzContentDigest(await decodeNpz(mine));
  }

  /** The pod blobs of a run (every page), without loading them. */
  async list(runId: string): Promise<CohortEntry[]> {
    const base = runPrefix(this.prefix, runId);
    const out: CohortEntry[] = [];
    for (const o of await this.store.list(base)) {
      const pod = podOfKey(base, o.key);
      if (pod !== null) out.push({ pod: pod.pod, key: o.key, bytes: o.bytes });
    }
    return out;
  }

  /**
   * Load and verify every pod blob of a run. Returns the cohort and the failures (a blob that cannot be
   * read, verified or decoded is a failure, never silently dropped). A listing that fails throws.
   */
  async acquire(runId: string, options: { keepBlobs?: boolean } = {}): Promise<AcquireResult> {
    checkS43Id('run_id', runId);
    const entries = await this.list(runId);
    const results = await mapLimit(entries, this.options.concurrency ?? 4, async (entry): Promise<CohortMember | CohortFailure> => {
      try {
        checkS43Id('pod', entry.pod);
        const blob = await this.store.get(entry.key);
        const arrays = await decodeNpz(blob.body, this.options.maxMemberBytes === undefined ? {} : { maxMemberBytes: this.options.maxMemberBytes });
        const member: CohortMember = { pod: entry.pod, key: entry.key, bytes: blob.body.length, sha256: blob.sha256, arrays };
        if (options.keepBlobs) member.blob = blob.body;
        return member;
      } catch (error) {
        const reason = reasonOf(error);
        this.send({ event: 's43_pred_load_failed', severity: 'error', run_id: runId, pod: entry.pod, key: entry.key, reason });
        return { pod: entry.pod, key: entry.key, reason };
      }
    });
    const cohort = results.filter((r): r is CohortMember => 'arrays' in r);
    const failures = results.filter((r): r is CohortFailure => 'reason' in r);
    this.send({ event: 's43_acquire_outcome', severity: failures.length > 0 ? 'error' : 'info', run_id: runId, keys: entries.length, loaded: cohort.length, failed: failures.length });
    return { run_id: runId, cohort, failures };
  }

  /**
   * Count the run's cohort against `expected` (and the named `pods`, if given), persist the result as
   * `<prefix>/<run_id>/_gate.json`. A failure to persist it is reported (`persisted: false` and the
   * `s43_gate_persist_failed` event), not thrown; a failure to list is thrown.
   */
  async gate(runId: string, expected: number, options: { pods?: readonly string[] } = {}): Promise<GateOutcome> {
    checkS43Id('run_id', runId);
    for (const pod of options.pods ?? []) checkS43Id('pod', pod);
    const key = gateKey(this.prefix, runId);
    const present = (await this.list(runId)).map((e) => e.pod);
    const result = decideGate(runId, expected, present, options.pods);
    let persisted = true;
    try {
      const body = new TextEncoder().encode(`${JSON.stringify({ ...result, pods: [...new Set(present)].sort() }, null, 2)}\n`);
      await this.store.put(key, body);
    } catch (error) {
      persisted = false;
      this.send({ event: 's43_gate_persist_failed', severity: 'error', run_id: runId, key, cohort_count: result.cohort_count, expected, reason: reasonOf(error) });
    }
    this.send({ event: 's43_gate_outcome', severity: result.complete ? 'info' : 'warning', run_id: runId, cohort_count: result.cohort_count, expected, complete: result.complete, missing_pods: result.missing_pods });
    return { ...result, gate_key: key, persisted };
  }
}
