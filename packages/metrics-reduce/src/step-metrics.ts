import { growTypedArray } from './grow-typed-array.js';
import { MetricKeyError } from './metric-key-error.js';
import { MetricKeyRegistry } from './metric-key-registry.js';
import { StepSnapshot } from './step-snapshot.js';

const UNCLAIMED = 0;
const COUNTER = 1;
const GAUGE = 2;

/**
 * One rank's per-step metrics: `increment` counters, `observe` gauges, then `drain()` once per step.
 *
 * - `increment(key, n = 1)`: the step's value is the sum of the increments.
 * - `observe(key, value)`: the step's value is the mean of the values observed during the step.
 * - `drain()`: the step's snapshot, and a reset. The snapshot object is owned by this StepMetrics and
 *   is valid until the next `drain()` (copy it with `toRecord()` to keep it).
 *
 * After warm-up (each key seen once, so interned and its slot allocated), `increment`, `observe` and
 * `drain` allocate nothing: values live in typed arrays indexed by the registry's key ids, and `drain`
 * is one pass over them. A key is a counter or a gauge for its whole life; using it as the other throws
 * MetricKeyError.
 */
export class StepMetrics {
  readonly registry: MetricKeyRegistry;
  private sums: Float64Array;
  /**
   * The divisor of the key's step value, 0 when not touched this step: the number of observations of
   * a gauge (its value is the mean), 1 for a touched counter (its value is the sum).
   */
  private counts: Float64Array;
  private kinds: Uint8Array;
  private readonly snapshot: StepSnapshot;

  constructor(registry: MetricKeyRegistry = new MetricKeyRegistry(), capacity = 16) {
    this.registry = registry;
    const n = Math.max(capacity, registry.size, 1);
    this.sums = new Float64Array(n);
    this.counts = new Float64Array(n);
    this.kinds = new Uint8Array(n);
    this.snapshot = new StepSnapshot(registry, n);
  }

  /** Add `n` (default 1) to the counter `key`. */
  increment(key: string, n = 1): void {
    this.incrementId(this.registry.id(key), n);
  }

  /** Record one observation of the gauge `key`. */
  observe(key: string, value: number): void {
    this.observeId(this.registry.id(key), value);
  }

  /** `increment` by key id (from `registry.id(key)`), skipping the name lookup. */
  incrementId(id: number, n = 1): void {
    // The explicit bound keeps the kind load in bounds (an out-of-bounds load would slow every call).
    const kinds = this.kinds;
    if (id >= kinds.length || kinds[id] !== COUNTER) this.claim(id, COUNTER);
    this.sums[id]! += n;
    this.counts[id] = 1;
  }

  /** `observe` by key id. */
  observeId(id: number, value: number): void {
    const kinds = this.kinds;
    if (id >= kinds.length || kinds[id] !== GAUGE) this.claim(id, GAUGE);
    this.sums[id]! += value;
    this.counts[id]! += 1;
  }

  /** The step's snapshot (valid until the next drain), and a reset for the next step. */
  drain(): StepSnapshot {
    const { sums, counts } = this;
    const n = counts.length;
    const snapshot = this.snapshot;
    snapshot.ensureCapacity(n);
    const { values, present } = snapshot;
    // Branch-free: an untouched key gets 0/0 = NaN as its value, but is not present.
    let presentCount = 0;
    for (let id = 0; id < n; id++) {
      const count = counts[id]!;
      const touched = count > 0 ? 1 : 0;
      values[id] = sums[id]! / count;
      present[id] = touched;
      presentCount += touched;
      sums[id] = 0;
      counts[id] = 0;
    }
    snapshot.presentCount = presentCount;
    // Ids beyond this rank's slots (grown by an aggregator for other ranks' keys) are never present here.
    if (present.length > n) present.fill(0, n);
    return snapshot;
  }

  /** Cold path: first use of `id` (grow, record its kind) or a counter/gauge mix-up. */
  private claim(id: number, kind: number): void {
    if (!Number.isInteger(id) || id < 0 || id >= this.registry.size) throw new RangeError(`no metric key with id ${id} in this StepMetrics' registry`);
    if (id >= this.kinds.length) {
      this.sums = growTypedArray(this.sums, id + 1);
      this.counts = growTypedArray(this.counts, id + 1);
      this.kinds = growTypedArray(this.kinds, id + 1);
    }
    const current = this.kinds[id];
    if (current !== UNCLAIMED && current !== kind) {
      const key = this.registry.name(id);
      const was = current === COUNTER ? 'a counter (increment)' : 'a gauge (observe)';
      throw new MetricKeyError(`metric "${key}" is ${was}; it cannot also be ${kind === COUNTER ? 'incremented' : 'observed'}`, key);
    }
    this.kinds[id] = kind;
  }
}
