import { growTypedArray } from './grow-typed-array.js';
import { MetricKeyRegistry } from './metric-key-registry.js';

/** One rank's metrics for one step, as plain data (values may be NaN/±Infinity). */
export type MetricRecord = Readonly<Record<string, number>>;

/**
 * One rank's metrics for one step, in typed arrays indexed by the registry's key ids: `present[id]` is
 * 1 when the key has a value, `values[id]` holds it, `presentCount` counts the present keys. The arrays
 * grow with the registry (only while new keys appear). Read the fields; change them only through
 * `set`, `load` and `clear` (StepMetrics.drain fills them directly).
 */
export class StepSnapshot {
  values: Float64Array;
  present: Uint8Array;
  presentCount = 0;

  constructor(
    readonly registry: MetricKeyRegistry,
    capacity = 16,
  ) {
    const n = Math.max(capacity, registry.size, 1);
    this.values = new Float64Array(n);
    this.present = new Uint8Array(n);
  }

  /** Make room for `length` key ids (0 … length-1). */
  ensureCapacity(length: number): void {
    this.values = growTypedArray(this.values, length);
    this.present = growTypedArray(this.present, length);
  }

  /** Remove every key. */
  clear(): void {
    this.present.fill(0);
    this.presentCount = 0;
  }

  /** Set `id` to `value` (present). */
  set(id: number, value: number): void {
    this.ensureCapacity(id + 1);
    if (this.present[id] === 0) this.presentCount++;
    this.present[id] = 1;
    this.values[id] = value;
  }

  /** True when the key with `id` is present. */
  has(id: number): boolean {
    return id < this.present.length && this.present[id] === 1;
  }

  /** The value of `name`, or undefined when absent. */
  get(name: string): number | undefined {
    const id = this.registry.lookup(name);
    return id >= 0 && this.has(id) ? this.values[id] : undefined;
  }

  /** Replace the contents with a plain record (interning its keys). */
  load(record: MetricRecord): this {
    this.clear();
    for (const key in record) this.set(this.registry.id(key), record[key]!);
    return this;
  }

  /** The snapshot as a plain record, keys in interning order (allocates). */
  toRecord(): Record<string, number> {
    const out: Record<string, number> = {};
    const n = Math.min(this.present.length, this.registry.size);
    for (let id = 0; id < n; id++) if (this.present[id] === 1) out[this.registry.name(id)] = this.values[id]!;
    return out;
  }

  /** A snapshot holding `record`. */
  static fromRecord(record: MetricRecord, registry = new MetricKeyRegistry()): StepSnapshot {
    return new StepSnapshot(registry).load(record);
  }
}
