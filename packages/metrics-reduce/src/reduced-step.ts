import { growTypedArray } from './grow-typed-array.js';
import type { OmitReason } from './metrics-events.js';
import type { ReduceResult } from './reduce-result.js';

/**
 * A reduced step held in reusable buffers (StepAggregator returns the same object every step: read
 * it, or copy it with `toResult()`, before the next `aggregate`). Outputs are in deterministic order.
 */
export class ReducedStep {
  step: number | null = null;
  /** Number of output keys. */
  length = 0;
  private names: string[] = [];
  private values = new Float64Array(16);
  private droppedKeys: string[] = [];
  private droppedCounts = new Int32Array(8);
  private droppedLength = 0;
  /** Total rank values dropped by `non_finite: "drop"` in this step. */
  droppedTotal = 0;
  private omittedKeys: string[] = [];
  private omittedReasons: OmitReason[] = [];
  private omittedLength = 0;

  key(i: number): string {
    return this.names[i]!;
  }

  value(i: number): number {
    return this.values[i]!;
  }

  /** The value of `key`, or undefined when not emitted (linear scan). */
  get(key: string): number | undefined {
    for (let i = 0; i < this.length; i++) if (this.names[i] === key) return this.values[i];
    return undefined;
  }

  get omittedCount(): number {
    return this.omittedLength;
  }

  /** @internal Start a new step. */
  reset(step: number | null): void {
    this.step = step;
    this.length = 0;
    this.droppedLength = 0;
    this.droppedTotal = 0;
    this.omittedLength = 0;
  }

  /** @internal Make room for `n` more outputs, so that `push` never grows. */
  reserve(n: number): void {
    this.values = growTypedArray(this.values, this.length + n);
  }

  /** @internal Append `key` with the value `values[index]` (read here, so no double is passed). Call `reserve` first. */
  push(key: string, values: Float64Array, index: number): void {
    this.names[this.length] = key;
    this.values[this.length++] = values[index]!;
  }

  /** @internal */
  addDropped(key: string, count: number): void {
    this.droppedCounts = growTypedArray(this.droppedCounts, this.droppedLength + 1);
    this.droppedKeys[this.droppedLength] = key;
    this.droppedCounts[this.droppedLength++] = count;
    this.droppedTotal += count;
  }

  /** @internal */
  addOmitted(key: string, reason: OmitReason): void {
    this.omittedKeys[this.omittedLength] = key;
    this.omittedReasons[this.omittedLength++] = reason;
  }

  /** A plain-data copy. */
  toResult(): ReduceResult {
    const metrics: Record<string, number> = {};
    const keys: string[] = [];
    for (let i = 0; i < this.length; i++) {
      metrics[this.names[i]!] = this.values[i]!;
      keys.push(this.names[i]!);
    }
    const byKey: Record<string, number> = {};
    for (let i = 0; i < this.droppedLength; i++) byKey[this.droppedKeys[i]!] = this.droppedCounts[i]!;
    const omitted = [];
    for (let i = 0; i < this.omittedLength; i++) omitted.push({ key: this.omittedKeys[i]!, reason: this.omittedReasons[i]! });
    return { metrics, keys, dropped: { total: this.droppedTotal, byKey }, omitted };
  }
}
