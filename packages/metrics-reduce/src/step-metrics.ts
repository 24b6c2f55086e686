import { MetricKeyError } from './metric-key-error.js';
import { MetricKeyRegistry } from './metric-key-registry.js';
import { StepSnapshot } from './step-snapshot.js';

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
 * `drain` allocate nothing: values live in typed arrays indexed by the registry's key ids.
 * A key is a counter or a gauge for its whole life; using it as the other throws MetricKeyError.
 */
export class StepMetrics {
  readonly registry: MetricKeyRegistry;
  private sums: Float64Array;
  private counts: Float64Array;
  private kinds: Uint8Array;
  private touched: Int32Array;
  private touchedLength = 0;
  private readonly snapshot: StepSnapshot;

  constructor(registry: MetricKeyRegistry = new MetricKeyRegistry(), capacity = 16) {
    this.registry = registry;
    const n = Math.max(capacity, registry.size, 1);
    this.sums = new Float64Array(n);
    this.counts = new Float64Array(n);
    this.kinds = new Uint8Array(n);
    this.touched = new Int32Array(n);
    this.snapshot = new StepSnapshot(registry, n);
  }

  /** Add `n` (default 1) to the counter `key`. */
  increment(key: string, n = 1): void {
    this.incrementId(this.slot(key, COUNTER), n);
  }

  /** Record one observation of the gauge `key`. */
  observe(key: string, value: number): void {
    this.observeId(this.slot(key, GAUGE), value);
  }

  /** `increment` by key id (from `registry.id(key)`), skipping the name lookup. */
  incrementId(id: number, n = 1): void {
    if (id >= this.counts.length || this.counts[id] === 0) this.touch(id, COUNTER);
    this.sums[id]! += n;
    this.counts[id]! += 1;
  }

  /** `observe` by key id. */
  observeId(id: number, value: number): void {
    if (id >= this.counts.length || this.counts[id] === 0) this.touch(id, GAUGE);
    this.sums[id]! += value;
    this.counts[id]! += 1;
  }

  /** The step's snapshot (valid until the next drain), and a reset for the next step. */
  drain(): StepSnapshot {
    const snapshot = this.snapshot;
    snapshot.clear();
    snapshot.ensureCapacity(this.sums.length - 1);
    const { values, present, ids } = snapshot;
    const { sums, counts, kinds, touched } = this;
    const n = this.touchedLength;
    for (let i = 0; i < n; i++) {
      const id = touched[i]!;
      values[id] = kinds[id] === COUNTER ? sums[id]! : sums[id]! / counts[id]!;
      present[id] = 1;
      ids[i] = id;
      sums[id] = 0;
      counts[id] = 0;
    }
    snapshot.length = n;
    this.touchedLength = 0;
    return snapshot;
  }

  private slot(key: string, kind: number): number {
    const id = this.registry.id(key);
    if (id >= this.kinds.length) this.grow(id);
    const current = this.kinds[id];
    if (current !== kind) {
      if (current !== 0) {
        const was = current === COUNTER ? 'a counter (increment)' : 'a gauge (observe)';
        throw new MetricKeyError(`metric "${key}" is ${was}; it cannot also be ${kind === COUNTER ? 'incremented' : 'observed'}`, key);
      }
      this.kinds[id] = kind;
    }
    return id;
  }

  private touch(id: number, kind: number): void {
    if (id >= this.kinds.length) this.grow(id);
    if (this.kinds[id] !== kind) {
      if (this.kinds[id] !== 0) throw new MetricKeyError(`metric "${this.registry.name(id)}" is used both as a counter and a gauge`, this.registry.name(id));
      this.kinds[id] = kind;
    }
    this.touched[this.touchedLength++] = id;
  }

  private grow(id: number): void {
    const n = Math.max(id + 1, this.sums.length * 2);
    const grow = <T extends Float64Array | Uint8Array | Int32Array>(a: T, make: (n: number) => T): T => {
      const next = make(n);
      next.set(a);
      return next;
    };
    this.sums = grow(this.sums, (k) => new Float64Array(k));
    this.counts = grow(this.counts, (k) => new Float64Array(k));
    this.kinds = grow(this.kinds, (k) => new Uint8Array(k));
    this.touched = grow(this.touched, (k) => new Int32Array(k));
  }
}
