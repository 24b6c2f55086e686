import { emitStepEvents } from './emit-step-events.js';
import { ExactSum } from './exact-sum.js';
import { growTypedArray } from './grow-typed-array.js';
import { KeyRuleMatcher } from './key-rule-matcher.js';
import type { MetricKeyRegistry } from './metric-key-registry.js';
import type { MetricsReduceEventSink } from './metrics-events.js';
import { MissingMetricError } from './missing-metric-error.js';
import { OutputSlots, type PlannedOutput, SLOT_OMITTED, SLOT_VALUE } from './output-slots.js';
import { ReducedStep } from './reduced-step.js';
import { type DeriveRatioRule, type NormalizedReductionSpec, parseReductionSpec, type ReductionSpec } from './reduction-spec.js';
import type { StepSnapshot } from './step-snapshot.js';

/** Per key id: how it reduces. OP_NONE marks the name of a derived ratio (per-rank values ignored). */
const OP_NONE = 0;
const OP_MEAN = 1;
const OP_SUM = 2;
const OP_MAX = 3;
const OP_MIN = 4;
const OP_WEIGHTED = 5;
const OP_CODES = { mean: OP_MEAN, sum: OP_SUM, max: OP_MAX, min: OP_MIN, weighted_mean: OP_WEIGHTED } as const;

/** A derived ratio's operand: its reduced value, 0 (missing: zero), or none. */
const OPERAND_VALUE = 0;
const OPERAND_ZERO = 1;
const OPERAND_NONE = 2;

const MISSING_ERROR = 0;
const MISSING_ZERO = 1;
const MISSING_SKIP = 2;

export interface StepAggregatorOptions {
  /** Sink for `metrics_non_finite_dropped` / `metrics_keys_omitted` (default: none). */
  emit?: MetricsReduceEventSink;
  /** Labels of the ranks (by input position) for error messages, e.g. their files. */
  rankLabels?: readonly string[];
}

/** Normalised specs are cached by object identity so repeated calls do not re-validate. */
const normalized = new WeakMap<object, NormalizedReductionSpec>();

/** Validate `spec` once per object (see parseReductionSpec). */
export function normalizeSpec(spec: ReductionSpec | NormalizedReductionSpec): NormalizedReductionSpec {
  let found = normalized.get(spec);
  if (found === undefined) {
    found = parseReductionSpec(spec);
    normalized.set(spec, found);
    normalized.set(found, found);
  }
  return found;
}

/**
 * Reduces the snapshots of all ranks for one step by a spec, with the spec's `missing` and
 * `non_finite` policies. Compiled once per key set (rules resolved, output order sorted) when new
 * keys appear in the registry; after that, `aggregate` allocates nothing: it returns the same
 * ReducedStep every call.
 *
 * Semantics (per output key):
 * - `mean` = exact Σ v / n; `sum` = exact Σ v (order-independent, exact for integers up to 2^53; see
 *   ExactSum); `max`, `min`; `weighted_mean` = Σ v·w / Σ w (exact products and sums; Σ w = 0 →
 *   omitted); `max_sibling` adds `<key>_max`.
 * - Derived ratios are computed from the reduced operands; a zero denominator → the key is omitted.
 *   Per-rank values reported under a derived key's name are ignored (never a mean of ratios).
 * - `non_finite: "drop"` ignores NaN/±Infinity for mean, weighted_mean, max, min and `_max` siblings
 *   and counts them; `sum` always propagates (a non-finite counter is never hidden).
 * - Output order: code-unit order of the output names.
 *
 * Slots: key id `i` reduces into slot `i`, its `_max` sibling into `keyCount + i`, derived ratio `d`
 * into `2·keyCount + d`.
 */
export class StepAggregator {
  readonly spec: NormalizedReductionSpec;
  private readonly matcher: KeyRuleMatcher;
  private readonly missing: number;
  private readonly dropNonFinite: boolean;
  private readonly emit: MetricsReduceEventSink | undefined;
  rankLabels: readonly string[] | undefined;

  private keyCount = -1;
  private op = new Uint8Array(0);
  private weightId = new Int32Array(0);
  private sibling = new Uint8Array(0);
  private readonly derivedKeys: string[] = [];
  private readonly derivedRules: DeriveRatioRule[] = [];
  private derivedNumId = new Int32Array(0);
  private derivedDenId = new Int32Array(0);
  private readonly outputs = new OutputSlots();

  /** The step's values, key-major: `matrix[id·ranks + r]` is rank r's value of key `id` (if present). */
  private matrix = new Float64Array(0);
  /** How many ranks have key `id` this step. */
  private count = new Int32Array(0);
  /** Σ over ranks of the weight key last used by a weighted mean on the fast path, this step. */
  private weightTotalId = -1;
  /** [0] that weight total, [1] another total (slow path). A typed array: a double field could box. */
  private readonly totals = new Float64Array(2);
  /** One key's values (and weights) gathered across ranks when a policy applies (slow path). */
  private column = new Float64Array(8);
  private weights = new Float64Array(8);
  private readonly exact = new ExactSum();
  private readonly result = new ReducedStep();

  constructor(
    spec: ReductionSpec | NormalizedReductionSpec,
    readonly registry: MetricKeyRegistry,
    options: StepAggregatorOptions = {},
  ) {
    this.spec = normalizeSpec(spec);
    this.matcher = new KeyRuleMatcher(this.spec.keys);
    this.missing = this.spec.missing === 'error' ? MISSING_ERROR : this.spec.missing === 'zero' ? MISSING_ZERO : MISSING_SKIP;
    this.dropNonFinite = this.spec.non_finite === 'drop';
    this.emit = options.emit;
    this.rankLabels = options.rankLabels;
    for (const [key, rule] of this.matcher.derivedRules()) {
      this.derivedKeys.push(key);
      this.derivedRules.push(rule as DeriveRatioRule);
    }
  }

  /**
   * Reduce one step. `snapshots[r]` is rank r's snapshot; all must use this aggregator's registry.
   * @throws MissingMetricError (`missing: "error"`) naming the rank, key and step.
   * @throws MetricKeyError when two outputs would have the same name.
   */
  aggregate(snapshots: readonly StepSnapshot[], step: number | null = null): ReducedStep {
    if (this.keyCount !== this.registry.size) this.build();
    const keyCount = this.keyCount;
    const ranks = snapshots.length;
    for (let r = 0; r < ranks; r++) {
      const snapshot = snapshots[r]!;
      if (snapshot.registry !== this.registry) throw new TypeError(`snapshot of rank ${r} uses another MetricKeyRegistry than this StepAggregator`);
      // Grows only when the registry has (warm-up); afterwards every id indexes the arrays directly.
      snapshot.ensureCapacity(keyCount);
    }
    if (this.column.length < ranks) {
      this.column = growTypedArray(this.column, ranks);
      this.weights = growTypedArray(this.weights, ranks);
    }
    this.matrix = growTypedArray(this.matrix, keyCount * ranks);
    this.gather(snapshots);
    this.weightTotalId = -1;
    this.outputs.clear();
    this.result.reset(step);
    const { op, count, weightId } = this;
    for (let id = 0; id < keyCount; id++) {
      const code = op[id]!;
      const have = count[id]!;
      if (code === OP_NONE || have === 0) continue;
      if (have === ranks && (code !== OP_WEIGHTED || count[weightId[id]!] === ranks) && (!this.dropNonFinite || this.allFinite(id, ranks))) {
        this.reduceRow(id, code, ranks);
      } else this.reduceKey(id, code, snapshots, step);
    }
    for (let d = 0; d < this.derivedKeys.length; d++) this.derive(d, ranks, step);
    this.outputs.writeTo(this.result);
    emitStepEvents(this.result, this.emit);
    return this.result;
  }

  /**
   * Copy every rank's values into the key-major matrix and count, per key, the ranks that have it.
   * A rank that has every key of the registry (the usual case) only copies.
   */
  private gather(snapshots: readonly StepSnapshot[]): void {
    const keyCount = this.keyCount;
    const ranks = snapshots.length;
    const { matrix, count } = this;
    let complete = 0;
    for (let r = 0; r < ranks; r++) if (snapshots[r]!.presentCount === keyCount) complete++;
    count.fill(complete);
    for (let r = 0; r < ranks; r++) {
      const { present, values, presentCount } = snapshots[r]!;
      if (presentCount === keyCount) {
        for (let id = 0, at = r; id < keyCount; id++, at += ranks) matrix[at] = values[id]!;
      } else {
        for (let id = 0, at = r; id < keyCount; id++, at += ranks) {
          matrix[at] = values[id]!;
          count[id]! += present[id]!;
        }
      }
    }
  }

  /** True when key `id` (and its weight) has only finite values on every rank. */
  private allFinite(id: number, ranks: number): boolean {
    const matrix = this.matrix;
    const weightId = this.weightId[id]!;
    for (let i = id * ranks, end = i + ranks; i < end; i++) if (matrix[i]! - matrix[i]! !== 0) return false;
    if (weightId >= 0) for (let i = weightId * ranks, end = i + ranks; i < end; i++) if (matrix[i]! - matrix[i]! !== 0) return false;
    return true;
  }

  /**
   * Fast path: every rank has key `id` (and its weight), and no policy applies. Reduces its matrix row
   * straight into the output slot (results are written into typed arrays, never returned, so that no
   * double is boxed whatever V8 inlines).
   */
  private reduceRow(id: number, op: number, ranks: number): void {
    const { matrix, outputs, exact } = this;
    const values = outputs.values;
    const at = id * ranks;
    let omitted = false;
    if (op === OP_SUM) exact.sumInto(matrix, at, ranks, values, id);
    else if (op === OP_MEAN) {
      exact.sumInto(matrix, at, ranks, values, id);
      values[id]! /= ranks;
    } else if (op === OP_WEIGHTED) {
      const weightId = this.weightId[id]!;
      const weightAt = weightId * ranks;
      const totals = this.totals;
      // Keys weighted by the same key (e.g. tokens) share its total.
      if (this.weightTotalId !== weightId) {
        exact.sumInto(matrix, weightAt, ranks, totals, 0);
        this.weightTotalId = weightId;
      }
      if (totals[0] === 0) {
        outputs.omit(id, 'zero_weight');
        omitted = true;
      } else {
        exact.dotInto(matrix, at, matrix, weightAt, ranks, values, id);
        values[id]! /= totals[0]!;
      }
    } else if (op === OP_MAX) maxInto(matrix, at, ranks, values, id);
    else minInto(matrix, at, ranks, values, id);
    if (!omitted) outputs.markValue(id);
    if (this.sibling[id] === 1) {
      maxInto(matrix, at, ranks, values, this.keyCount + id);
      outputs.markValue(this.keyCount + id);
    }
  }

  /**
   * Slow path: gather key `id` across ranks applying the missing and non-finite policies, then reduce
   * the gathered column. A key on no rank produces nothing.
   */
  private reduceKey(id: number, op: number, snapshots: readonly StepSnapshot[], step: number | null): void {
    const column = this.column;
    const weights = this.weights;
    const weighted = op === OP_WEIGHTED;
    const weightId = this.weightId[id]!;
    const wantSibling = this.sibling[id] === 1;
    const missing = this.missing;
    const drop = this.dropNonFinite;
    let n = 0;
    let present = 0;
    let dropped = 0;
    let errorRank = -1;
    let errorId = id;
    let siblingMax = Number.NEGATIVE_INFINITY;
    let siblingCount = 0;
    for (let r = 0; r < snapshots.length; r++) {
      const snapshot = snapshots[r]!;
      let v = 0;
      if (snapshot.present[id] === 1) {
        v = snapshot.values[id]!;
        present++;
      } else if (missing !== MISSING_ZERO) {
        if (missing === MISSING_ERROR && errorRank < 0) errorRank = r;
        continue;
      }
      let w = 1;
      if (weighted) {
        if (snapshot.present[weightId] === 1) w = snapshot.values[weightId]!;
        else if (missing === MISSING_ZERO) w = 0;
        else {
          if (missing === MISSING_ERROR && errorRank < 0) {
            errorRank = r;
            errorId = weightId;
          }
          continue;
        }
      }
      // v - v is 0 for finite v, NaN for NaN and ±Infinity.
      if (drop && (v - v !== 0 || w - w !== 0)) {
        if (op === OP_SUM) {
          // A counter is never hidden: the sum keeps the value, only its _max sibling drops it.
          column[n++] = v;
          if (wantSibling) dropped++;
        } else dropped++;
        continue;
      }
      column[n] = v;
      weights[n] = w;
      n++;
      if (wantSibling) {
        siblingCount++;
        // NaN sticks once seen (non_finite: propagate); +0 beats -0 (as in Math.max).
        if (!Number.isNaN(siblingMax) && (v > siblingMax || Number.isNaN(v) || (v === 0 && siblingMax === 0 && 1 / siblingMax < 0))) siblingMax = v;
      }
    }
    if (present === 0) return;
    if (errorRank >= 0) throw this.missingError(errorRank, errorId, step);
    if (dropped > 0) this.result.addDropped(this.registry.name(id), dropped);
    const outputs = this.outputs;
    const values = outputs.values;
    if (n === 0) outputs.omit(id, dropped > 0 ? 'all_dropped' : 'missing_operand');
    else if (op === OP_WEIGHTED) {
      const totals = this.totals;
      this.exact.sumInto(weights, 0, n, totals, 1);
      if (totals[1] === 0) outputs.omit(id, 'zero_weight');
      else {
        this.exact.dotInto(column, 0, weights, 0, n, values, id);
        values[id]! /= totals[1]!;
        outputs.markValue(id);
      }
    } else {
      if (op === OP_SUM || op === OP_MEAN) this.exact.sumInto(column, 0, n, values, id);
      else if (op === OP_MAX) maxInto(column, 0, n, values, id);
      else minInto(column, 0, n, values, id);
      if (op === OP_MEAN) values[id]! /= n;
      outputs.markValue(id);
    }
    if (wantSibling) {
      const slot = this.keyCount + id;
      if (siblingCount === 0) outputs.omit(slot, 'all_dropped');
      else outputs.set(slot, siblingMax);
    }
  }

  private derive(d: number, ranks: number, step: number | null): void {
    const slot = 2 * this.keyCount + d;
    const outputs = this.outputs;
    const numId = this.derivedNumId[d]!;
    const denId = this.derivedDenId[d]!;
    const num = this.operandState(numId, ranks, step);
    const den = this.operandState(denId, ranks, step);
    if (num === OPERAND_NONE || den === OPERAND_NONE) outputs.omit(slot, 'missing_operand');
    else {
      // Read in place (no number | undefined return, which would box the double).
      const denominator = den === OPERAND_ZERO ? 0 : outputs.valueOf(denId);
      if (denominator === 0) outputs.omit(slot, 'zero_denominator');
      else outputs.set(slot, (num === OPERAND_ZERO ? 0 : outputs.valueOf(numId)) / denominator);
    }
  }

  /** Whether an operand has a reduced value; a key on no rank follows the missing policy. */
  private operandState(id: number, ranks: number, step: number | null): number {
    const state = this.outputs.stateOf(id);
    if (state === SLOT_VALUE) return OPERAND_VALUE;
    if (state === SLOT_OMITTED) return OPERAND_NONE;
    if (this.missing === MISSING_ERROR && ranks > 0) throw this.missingError(0, id, step);
    return this.missing === MISSING_ZERO ? OPERAND_ZERO : OPERAND_NONE;
  }

  private missingError(rank: number, id: number, step: number | null): MissingMetricError {
    return new MissingMetricError(rank, this.registry.name(id), step, this.rankLabels?.[rank]);
  }

  /** Compile the registry's keys: per-id op, weight and sibling, and the sorted output plan. */
  private build(): void {
    const registry = this.registry;
    // Operands and weights are interned first, so the key set is final before the arrays are sized.
    const numIds = this.derivedRules.map((rule) => registry.id(rule.numerator));
    const denIds = this.derivedRules.map((rule) => registry.id(rule.denominator));
    for (let id = 0; id < registry.size; id++) {
      const weight = this.matcher.ruleFor(registry.name(id)).weight;
      if (weight !== undefined) registry.id(weight);
    }
    const keyCount = registry.size;
    this.op = new Uint8Array(keyCount);
    this.weightId = new Int32Array(keyCount).fill(-1);
    this.sibling = new Uint8Array(keyCount);
    this.count = new Int32Array(keyCount);
    this.derivedNumId = Int32Array.from(numIds);
    this.derivedDenId = Int32Array.from(denIds);
    const derived = new Set(this.derivedKeys);
    const planned: PlannedOutput[] = [];
    for (let id = 0; id < keyCount; id++) {
      const name = registry.name(id);
      if (derived.has(name)) continue;
      const rule = this.matcher.ruleFor(name);
      this.op[id] = OP_CODES[rule.op ?? 'mean'];
      if (rule.weight !== undefined) this.weightId[id] = registry.id(rule.weight);
      planned.push({ name, slot: id });
      if (rule.max_sibling === true) {
        this.sibling[id] = 1;
        planned.push({ name: `${name}_max`, slot: keyCount + id });
      }
    }
    this.derivedKeys.forEach((name, d) => {
      planned.push({ name, slot: 2 * keyCount + d });
    });
    const describe = (slot: number) =>
      slot < keyCount ? 'an input key' : slot < 2 * keyCount ? `the _max sibling of "${registry.name(slot - keyCount)}"` : 'a derived ratio';
    this.outputs.plan(2 * keyCount + this.derivedKeys.length, planned, describe);
    this.keyCount = keyCount;
  }
}

/** Max of `values[offset … offset+n)` into `into[index]`; a NaN makes it NaN (non_finite: propagate). */
function maxInto(values: Float64Array, offset: number, n: number, into: Float64Array, index: number): void {
  let extreme = Number.NEGATIVE_INFINITY;
  for (let i = offset; i < offset + n; i++) {
    const v = values[i]!;
    if (Number.isNaN(v)) {
      extreme = v;
      break;
    }
    // +0 beats -0 (as in Math.max), so the result does not depend on the rank order.
    if (v > extreme || (v === 0 && extreme === 0 && 1 / extreme < 0)) extreme = v;
  }
  into[index] = extreme;
}

/** Min of `values[offset … offset+n)` into `into[index]`; a NaN makes it NaN (non_finite: propagate). */
function minInto(values: Float64Array, offset: number, n: number, into: Float64Array, index: number): void {
  let extreme = Number.POSITIVE_INFINITY;
  for (let i = offset; i < offset + n; i++) {
    const v = values[i]!;
    if (Number.isNaN(v)) {
      extreme = v;
      break;
    }
    // -0 beats +0 (as in Math.min).
    if (v < extreme || (v === 0 && extreme === 0 && 1 / v < 0)) extreme = v;
  }
  into[index] = extreme;
}
