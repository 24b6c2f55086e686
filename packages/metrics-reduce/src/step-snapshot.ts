import { MetricKeyRegistry } from './metric-key-registry.js';

/** One rank's metrics for one step, as plain data (values may be NaN/±Infinity). */
export type MetricRecord = Readonly<Record<string, number>>;

/**
 * One rank's metrics for one step, in typed arrays indexed by the registry's key ids. The arrays grow
 * with the registry (only when new keys appear); `ids[0…length)` lists the present keys.
 */
export class StepSnapshot {
  values: Float64Array;
  present: Uint8Array;
  ids: Int32Array;
  length = 0;

  constructor(
    readonly registry: MetricKeyRegistry,
    capacity = 16,
  ) {
    const n = Math.max(capacity, registry.size, 1);
    this.values = new Float64Array(n);
    this.present = new Uint8Array(n);
    this.ids = new Int32Array(n);
  }

  /** Make room for ids up to `id`. */
  ensureCapacity(id: number): void {
    if (id < this.values.length) return;
    const n = Math.max(id + 1, this.values.length * 2);
    const values = new Float64Array(n);
    values.set(this.values);
    const present = new Uint8Array(n);
    present.set(this.present);
    const ids = new Int32Array(n);
    ids.set(this.ids);
    this.values = values;
    this.present = present;
    this.ids = ids;
  }

  /** Remove every key. */
  clear(): void {
    for (let i = 0; i < this.length; i++) this.present[this.ids[i]!] = 0;
    this.length = 0;
  }

  /** Set `id` to `value` (present). */
  set(id: number, value: number): void {
    this.ensureCapacity(id);
    if (this.present[id] === 0) {
      this.present[id] = 1;
      this.ids[this.length++] = id;
    }
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

  /** The snapshot as a plain record (allocates). */
  toRecord(): Record<string, number> {
    const out: Record<string, number> = {};
    for (let i = 0; i < this.length; i++) {
      const id = this.ids[i]!;
      out[this.registry.name(id)] = this.values[id]!;
    }
    return out;
  }

  /** A snapshot holding `record`. */
  static fromRecord(record: MetricRecord, registry = new MetricKeyRegistry()): StepSnapshot {
    return new StepSnapshot(registry).load(record);
  }
}
