import { createHash } from 'node:crypto';
import { ByteBudget } from './byte-budget.js';
import { memorySource } from './byte-source.js';
import { type CorruptPod, decideGate, type GateResult } from './cohort-gate.js';
import { type DecodeNpzOptions, declaredArrayBytes, decodeNpz, type SkippedNpzMember } from './decode-npz.js';
import { encodeNpz, type NpzArrays } from './encode-npz.js';
import type { NpzMember } from './npy-array.js';
import { npzContentDigest } from './npz-content-digest.js';
import { NpzFormatError } from './npz-error.js';
import type { ObjectStore } from './object-store.js';
import type { S43Event, S43EventSink } from './s43-events.js';
import { checkS43Id, DEFAULT_S43_PREFIX, gateKey, podKey, podOfKey, runPrefix } from './s43-ids.js';
import { IntegrityError, ObjectExistsError, ObjectNotFoundError, type StoreCallOptions } from './store-errors.js';

export interface S43TransportOptions {
  store: ObjectStore;
  /** Key prefix (default `s43-predictions`). */
  prefix?: string;
  emit?: S43EventSink;
  /** Write blobs deflated, as np.savez_compressed (default stored, as np.savez). */
  compressed?: boolean;
  /** Per-member decompressed size limit when loading blobs (see decodeNpz). */
  maxMemberBytes?: number;
  /** Per-blob limit on the sum of its arrays' declared decompressed sizes (see decodeNpz; default 2 GiB). */
  maxTotalBytes?: number;
  /** Blobs loaded at once by acquire and gate --verify (default 4). */
  concurrency?: number;
  /**
   * Bytes in flight in acquire and gate --verify (default 512 MiB), counted twice over: blobs being downloaded
   * or held (their listed sizes) and arrays being decoded (their declared sizes). One blob larger than the
   * budget still loads, alone.
   */
  maxInFlightBytes?: number;
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
  /** Members of the blob that are not arrays (reported, also as s43_pred_member_skipped events). */
  skipped: SkippedNpzMember[];
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

export const DEFAULT_MAX_IN_FLIGHT_BYTES = 512 * 1024 * 1024;

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
  async persist(runId: string, pod: string, arrays: NpzArrays, options: { overwrite?: boolean } & StoreCallOptions = {}): Promise<PersistResult> {
    let key: string | null = null;
    try {
      key = podKey(this.prefix, runId, pod);
      const body = await encodeNpz(arrays, { compressed: this.options.compressed ?? false });
      return await this.persistBlob(key, body, options.overwrite ?? false, options);
    } catch (error) {
      this.send({ event: 's43_pred_persist_failed', severity: 'error', run_id: String(runId), pod: String(pod), key, reason: reasonOf(error) });
      throw error;
    }
  }

  private async persistBlob(key: string, body: Uint8Array, overwrite: boolean, call: StoreCallOptions): Promise<PersistResult> {
    const written = (put: { bytes: number; sha256: string }, created: boolean): PersistResult => ({ uri: this.store.uriFor(key), key, bytes: put.bytes, sha256: put.sha256, created });
    const signal = call.signal === undefined ? {} : { signal: call.signal };
    if (overwrite) return written(await this.store.put(key, body, signal), true);
    try {
      return written(await this.store.put(key, body, { createOnly: true, ...signal }), true);
    } catch (error) {
      if (!(error instanceof ObjectExistsError)) throw error;
    }
    const stored = await this.store.get(key, signal);
    const mine = createHash('sha256').update(body).digest('hex');
    const same = stored.sha256 === mine || (await this.sameArrays(stored.body, body));
    if (!same) throw new PersistConflictError(key, stored.sha256, mine);
    return written({ bytes: stored.body.length, sha256: stored.sha256 }, false);
  }

  /** Do two blobs hold the same arrays (see npzContentDigest)? A stored blob that does not decode holds different content. */
  private async sameArrays(stored: Uint8Array, mine: Uint8Array): Promise<boolean> {
    let theirs: string;
    try {
      theirs = npzContentDigest((await decodeNpz(stored, this.limits())).members);
    } catch (error) {
      if (error instanceof NpzFormatError) return false;
      throw error;
    }
    return theirs === npzContentDigest((await decodeNpz(mine)).members);
  }

  private limits(): DecodeNpzOptions {
    return {
      ...(this.options.maxMemberBytes === undefined ? {} : { maxMemberBytes: this.options.maxMemberBytes }),
      ...(this.options.maxTotalBytes === undefined ? {} : { maxTotalBytes: this.options.maxTotalBytes }),
    };
  }

  /**
   * Fetch and decode each blob under the byte budgets (blob bytes, then declared array bytes: always in that
   * order, so holders never wait on each other in a cycle), with at most `concurrency` blobs at once.
   */
  private loadEach<R>(entries: readonly CohortEntry[], signal: AbortSignal | undefined, load: (entry: CohortEntry, fetched: (keep: boolean) => Promise<{ blob: Uint8Array; sha256: string; members: NpzMember[]; skipped: SkippedNpzMember[] }>) => Promise<R>): Promise<R[]> {
    const budget = this.options.maxInFlightBytes ?? DEFAULT_MAX_IN_FLIGHT_BYTES;
    const blobs = new ByteBudget(budget);
    const arrays = new ByteBudget(budget);
    return mapLimit(entries, this.options.concurrency ?? 4, (entry) =>
      load(entry, (keep) =>
        blobs.with(Math.max(1, entry.bytes), async () => {
          const got = await this.store.get(entry.key, signal === undefined ? {} : { signal });
          const declared = await declaredArrayBytes(memorySource(got.body));
          const decoded = await arrays.with(Math.max(1, declared), () => decodeNpz(got.body, { ...this.limits(), adoptInput: !keep }));
          return { blob: got.body, sha256: got.sha256, ...decoded };
        }),
      ),
    );
  }

  /** The pod blobs of a run (every page), without loading them. */
  async list(runId: string, options: StoreCallOptions = {}): Promise<CohortEntry[]> {
    const base = runPrefix(this.prefix, runId);
    const out: CohortEntry[] = [];
    for (const o of await this.store.list(base, options)) {
      const pod = podOfKey(base, o.key);
      if (pod !== null) out.push({ pod: pod.pod, key: o.key, bytes: o.bytes });
    }
    return out;
  }

  /**
   * Load and verify every pod blob of a run. Returns the cohort and the failures (a blob that cannot be
   * read, verified or decoded is a failure, never silently dropped). A listing that fails throws.
   */
  async acquire(runId: string, options: { keepBlobs?: boolean } & StoreCallOptions = {}): Promise<AcquireResult> {
    checkS43Id('run_id', runId);
    const entries = await this.list(runId, options);
    let skippedMembers = 0;
    const results = await this.loadEach(entries, options.signal, async (entry, fetched): Promise<CohortMember | CohortFailure> => {
      try {
        checkS43Id('pod', entry.pod);
        const got = await fetched(options.keepBlobs ?? false);
        const member: CohortMember = { pod: entry.pod, key: entry.key, bytes: got.blob.length, sha256: got.sha256, arrays: got.members, skipped: got.skipped };
        for (const s of got.skipped) {
          skippedMembers += 1;
          this.send({ event: 's43_pred_member_skipped', severity: 'warning', run_id: runId, pod: entry.pod, key: entry.key, member: s.name, reason: s.reason });
        }
        if (options.keepBlobs) member.blob = got.blob;
        return member;
      } catch (error) {
        const reason = reasonOf(error);
        this.send({ event: 's43_pred_load_failed', severity: 'error', run_id: runId, pod: entry.pod, key: entry.key, reason });
        return { pod: entry.pod, key: entry.key, reason };
      }
    });
    const cohort = results.filter((r): r is CohortMember => 'arrays' in r);
    const failures = results.filter((r): r is CohortFailure => 'reason' in r);
    this.send({ event: 's43_acquire_outcome', severity: failures.length > 0 ? 'error' : 'info', run_id: runId, keys: entries.length, loaded: cohort.length, failed: failures.length, skipped_members: skippedMembers });
    return { run_id: runId, cohort, failures };
  }

  /**
   * Count the run's cohort against `expected` (and the named `pods`, if given), persist the result as
   * `<prefix>/<run_id>/_gate.json`. A failure to persist it is reported (`persisted: false` and the
   * `s43_gate_persist_failed` event), not thrown; a failure to list is thrown.
   */
  async gate(runId: string, expected: number, options: GateOptions = {}): Promise<GateOutcome> {
    checkS43Id('run_id', runId);
    for (const pod of options.pods ?? []) checkS43Id('pod', pod);
    const key = gateKey(this.prefix, runId);
    const call = options.signal === undefined ? {} : { signal: options.signal };
    const entries = await this.list(runId, call);
    const present = entries.map((e) => e.pod);
    const corrupt = options.verify ? await this.verifyBlobs(entries, options.signal) : undefined;
    const result = decideGate(runId, expected, present, {
      ...(options.pods === undefined ? {} : { namedPods: options.pods }),
      allowUnexpected: options.allowUnexpected ?? false,
      ...(corrupt === undefined ? {} : { corrupt }),
    });
    let persisted = true;
    try {
      const body = new TextEncoder().encode(`${JSON.stringify({ ...result, pods: [...new Set(present)].sort() }, null, 2)}\n`);
      await this.store.put(key, body, call);
    } catch (error) {
      persisted = false;
      this.send({ event: 's43_gate_persist_failed', severity: 'error', run_id: runId, key, cohort_count: result.cohort_count, expected, reason: reasonOf(error) });
    }
    this.send({
      event: 's43_gate_outcome',
      severity: result.complete ? 'info' : 'warning',
      run_id: runId,
      cohort_count: result.cohort_count,
      expected,
      complete: result.complete,
      missing_pods: result.missing_pods,
      unexpected_pods: result.unexpected_pods,
      verified: result.verified,
      corrupt_pods: result.corrupt_pods === null ? null : result.corrupt_pods.map((c) => c.pod),
    });
    return { ...result, gate_key: key, persisted };
  }

  /**
   * Read every blob, check it against the checksum stored with it (S3: the sha256 metadata; IntegrityError
   * otherwise) and decode it (each member's CRC-32 and structure): a blob stored truncated, with a digest
   * of its truncated bytes, fails here. A store that cannot be reached throws (the gate cannot decide).
   */
  private async verifyBlobs(entries: readonly CohortEntry[], signal: AbortSignal | undefined): Promise<CorruptPod[]> {
    const outcomes = await this.loadEach(entries, signal, async (entry, fetched): Promise<CorruptPod | null> => {
      try {
        await fetched(false);
        return null;
      } catch (error) {
        if (error instanceof NpzFormatError || error instanceof IntegrityError || error instanceof ObjectNotFoundError) return { pod: entry.pod, reason: reasonOf(error) };
        throw error;
      }
    });
    return outcomes.filter((o): o is CorruptPod => o !== null);
  }
}

export interface GateOptions extends StoreCallOptions {
  /** Pods that must be present: with them, complete means exactly this set. */
  pods?: readonly string[];
  /** Tolerate pods beyond the expected ones (they are reported either way). */
  allowUnexpected?: boolean;
  /** Download every blob and check its stored checksum against its content (and decode it). */
  verify?: boolean;
}
