import { growTypedArray } from './grow-typed-array.js';
import { MetricKeyError } from './metric-key-error.js';
import type { OmitReason } from './metrics-events.js';
import type { ReducedStep } from './reduced-step.js';

/** The slot was not computed this step: the output is left out silently (e.g. a key no rank has). */
export const SLOT_ABSENT = 0;
/** The slot holds a value. */
export const SLOT_VALUE = 1;
/** The output is left out for a reason that is reported (see OmitReason). */
export const SLOT_OMITTED = 2;

/** One output of an aggregator: its name, and the slot its value is computed into. */
export interface PlannedOutput {
  name: string;
  slot: number;
}

/**
 * The outputs of one aggregation step, shared by StepAggregator and StreamMixingAggregator: an
 * aggregator computes a value (or an omission with its reason) into numbered slots, and `writeTo`
 * copies them into a ReducedStep in the planned order — code-unit order of the output names. The plan
 * is made once per new key set (`plan`), so a step allocates nothing.
 */
export class OutputSlots {
  private states = new Uint8Array(0);
  /** The slots' values. An aggregator may compute into `values[slot]` directly, then `markValue(slot)`. */
  values = new Float64Array(0);
  private reasons: OmitReason[] = [];
  private names: string[] = [];
  private order = new Int32Array(0);

  /**
   * Size the slots and sort the outputs by name.
   * @param describe what a slot is, for the error when two outputs have the same name.
   * @throws MetricKeyError when two outputs have the same name (never a silent overwrite).
   */
  plan(slotCount: number, outputs: readonly PlannedOutput[], describe: (slot: number) => string): void {
    const sorted = [...outputs].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (let i = 1; i < sorted.length; i++) {
      const a = sorted[i - 1]!;
      const b = sorted[i]!;
      if (a.name === b.name) throw new MetricKeyError(`output key "${a.name}" would be both ${describe(a.slot)} and ${describe(b.slot)}`, a.name);
    }
    this.names = sorted.map((o) => o.name);
    this.order = Int32Array.from(sorted, (o) => o.slot);
    this.states = growTypedArray(this.states, slotCount);
    this.values = growTypedArray(this.values, slotCount);
    while (this.reasons.length < slotCount) this.reasons.push('zero_denominator');
  }

  /** Start a step: every slot absent. */
  clear(): void {
    this.states.fill(SLOT_ABSENT);
  }

  set(slot: number, value: number): void {
    this.states[slot] = SLOT_VALUE;
    this.values[slot] = value;
  }

  /** The slot's value was written to `values[slot]`. */
  markValue(slot: number): void {
    this.states[slot] = SLOT_VALUE;
  }

  omit(slot: number, reason: OmitReason): void {
    this.states[slot] = SLOT_OMITTED;
    this.reasons[slot] = reason;
  }

  /** SLOT_ABSENT, SLOT_VALUE or SLOT_OMITTED. */
  stateOf(slot: number): number {
    return this.states[slot]!;
  }

  /** The value of a slot in state SLOT_VALUE. */
  valueOf(slot: number): number {
    return this.values[slot]!;
  }

  /** Append the planned outputs to `out`, in name order: values pushed, omissions recorded. */
  writeTo(out: ReducedStep): void {
    const { names, order, states, values, reasons } = this;
    out.reserve(names.length);
    for (let i = 0; i < names.length; i++) {
      const slot = order[i]!;
      const state = states[slot];
      if (state === SLOT_VALUE) out.push(names[i]!, values, slot);
      else if (state === SLOT_OMITTED) out.addOmitted(names[i]!, reasons[slot]!);
    }
  }
}
