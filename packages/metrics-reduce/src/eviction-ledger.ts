import type { LedgerRankRecord } from './ledger.js';

/**
 * The false-eviction instrumentation of one rank's ledger (seed P4): a bounded ring of recently
 * evicted keys. Call `evicted(key)` at each LRU-overflow eviction, `freshWrite(key)` when a key is
 * written that the ledger does not hold, `wiped()` on an intentional full wipe, and `drain(step, size)`
 * once per step for the rank's ledger record.
 *
 * - A fresh write of a key still in the ring is a false eviction (the key was evicted, then needed
 *   again); the key then leaves the ring, so one eviction counts at most one false eviction.
 * - The ring holds the `capacity` most recent evictions; older ones fall out and no longer count.
 *   Evicting a key again while it is in the ring refreshes its position.
 * - `wiped()` clears the ring (so writes after an intentional wipe are never false evictions) and
 *   does not count evictions: the wiped entries were not evicted by the LRU.
 *
 * The ring is preallocated; `evicted`/`freshWrite` allocate only through the key → slot Map.
 */
export class EvictionLedger<K = string> {
  private readonly ringKeys: (K | undefined)[];
  private readonly ringSeq: Float64Array;
  private readonly live = new Map<K, number>();
  private next = 0;
  private seq = 0;
  private evictions = 0;
  private falseEvictions = 0;
  private freshWrites = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`EvictionLedger capacity must be an integer ≥ 1, got ${capacity}`);
    this.ringKeys = new Array<K | undefined>(capacity).fill(undefined);
    this.ringSeq = new Float64Array(capacity).fill(-1);
  }

  /** An LRU-overflow eviction of `key`. */
  evicted(key: K): void {
    this.evictions++;
    const slot = this.next;
    const old = this.ringKeys[slot];
    // The slot's previous entry falls out of the ring, unless that key was evicted again since.
    if (old !== undefined && this.live.get(old) === this.ringSeq[slot]) this.live.delete(old);
    const seq = this.seq++;
    this.ringKeys[slot] = key;
    this.ringSeq[slot] = seq;
    this.live.set(key, seq);
    this.next = slot + 1 === this.capacity ? 0 : slot + 1;
  }

  /** A fresh write of `key` (not an update of a held entry). Returns true when it is a false eviction. */
  freshWrite(key: K): boolean {
    this.freshWrites++;
    if (this.live.delete(key)) {
      this.falseEvictions++;
      return true;
    }
    return false;
  }

  /** An intentional full wipe: the ring is cleared. */
  wiped(): void {
    this.live.clear();
    this.ringKeys.fill(undefined);
    this.ringSeq.fill(-1);
    this.next = 0;
  }

  /** True when `key` is in the ring (a fresh write now would be a false eviction). */
  isRecentlyEvicted(key: K): boolean {
    return this.live.has(key);
  }

  /** Keys currently in the ring. */
  get recentlyEvictedCount(): number {
    return this.live.size;
  }

  /** The rank's ledger record for `step` (counts since the last drain), then a reset of the counts. The ring is kept. */
  drain(step: number, size: number): LedgerRankRecord {
    const record = { step, evictions: this.evictions, false_evictions: this.falseEvictions, fresh_writes: this.freshWrites, size };
    this.evictions = 0;
    this.falseEvictions = 0;
    this.freshWrites = 0;
    return record;
  }
}
