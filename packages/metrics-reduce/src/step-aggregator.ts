import { ExactSum } from './exact-sum.js';
import { KeyRuleMatcher } from './key-rule-matcher.js';
import { MetricKeyError } from './metric-key-error.js';
import type { MetricKeyRegistry } from './metric-key-registry.js';
import type { MetricsReduceEventSink, OmitReason } from './metrics-events.js';
import { MissingMetricError } from './missing-metric-error.js';
import { ReducedStep } from './reduced-step.js';
import { type DeriveRatioRule, type NormalizedReductionSpec, parseReductionSpec, type ReductionSpec } from './reduction-spec.js';
import type { StepSnapshot } from './step-snapshot.js';

const OP_MEAN = 0;
const OP_SUM = 1;
const OP_MAX = 2;
const OP_MIN = 3;
const OP_WEIGHTED = 4;
const OP_CODES = { mean: OP_MEAN, sum: OP_SUM, max: OP_MAX, min: OP_MIN, weighted_mean: OP_WEIGHTED } as const;

const ABSENT = 0;
const VALUE = 1;
const OMITTED = 2;

const ENTRY_KEY = 0;
const ENTRY_SIBLING = 1;
const ENTRY_DERIVED = 2;

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
 * `non_finite` policies. Compiled once per key (rules resolved, output order sorted) when new keys
 * appear in the registry; after that, `aggregate` allocates nothing: it returns the same ReducedStep
 * every call.
 *
 * Semantics (per output key):
 * - `mean` = exact Σ v / n; `sum` = exact Σ v (Shewchuk: order-independent, exact for integers up
 *   to 2^53); `max`, `min`; `weighted_mean` = Σ v·w / Σ w (exact products and sums; Σ w = 0 → omitted);
 *   `max_sibling` adds `<key>_max`.
 * - Derived ratios are computed from the reduced operands; a zero denominator → the key is omitted.
 *   Per-rank values reported under a derived key's name are ignored (never a mean of ratios).
 * - `non_finite: "drop"` ignores NaN/±Infinity for mean, weighted_mean, max, min and `_max` siblings
 *   and counts them; `sum` always propagates (a non-finite counter is never hidden).
 * - Output order: code-unit order of the output names.
 */
export class StepAggregator {
  readonly spec: NormalizedReductionSpec;
  private readonly matcher: KeyRuleMatcher;
  private readonly missing: number;
  private readonly dropNonFinite: boolean;
  private readonly emit: MetricsReduceEventSink | undefined;
  rankLabels: readonly string[] | undefined;

  private builtFor = -1;
  private op = new Uint8Array(0);
  private weightId = new Int32Array(0);
  private sibling = new Uint8Array(0);
  private derivedName = new Uint8Array(0);
  private state = new Uint8Array(0);
  private reduced = new Float64Array(0);
  private reason: OmitReason[] = [];
  private siblingState = new Uint8Array(0);
  private siblingValue = new Float64Array(0);

  private readonly derivedKeys: string[] = [];
  private readonly derivedRules: DeriveRatioRule[] = [];
  private derivedNumId = new Int32Array(0);
  private derivedDenId = new Int32Array(0);
  private derivedState = new Uint8Array(0);
  private derivedValue = new Float64Array(0);
  private derivedReason: OmitReason[] = [];

  private planNames: string[] = [];
  private planKind = new Uint8Array(0);
  private planRef = new Int32Array(0);

  private readonly sum = new ExactSum();
  private readonly weightSum = new ExactSum();
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
    this.derivedState = new Uint8Array(this.derivedKeys.length);
    this.derivedValue = new Float64Array(this.derivedKeys.length);
  }

  /**
   * Reduce one step. `snapshots[r]` is rank r's snapshot; all must use this aggregator's registry.
   * @throws MissingMetricError (`missing: "error"`) naming the rank, key and step.
   * @throws MetricKeyError when two outputs would have the same name.
   */
  aggregate(snapshots: readonly StepSnapshot[], step: number | null = null): ReducedStep {
    if (this.builtFor !== this.registry.size) this.build();
    const size = this.builtFor;
    for (let r = 0; r < snapshots.length; r++) {
      const snapshot = snapshots[r]!;
      if (snapshot.registry !== this.registry) throw new TypeError(`snapshot of rank ${r} uses another MetricKeyRegistry than this StepAggregator`);
      // Grows only when the registry has (warm-up); afterwards every id indexes the arrays directly.
      snapshot.ensureCapacity(size - 1);
    }
    this.result.reset(step);
    for (let id = 0; id < size; id++) {
      this.state[id] = ABSENT;
      this.siblingState[id] = ABSENT;
      if (this.derivedName[id] === 1) continue;
      let anywhere = false;
      for (let r = 0; r < snapshots.length; r++) {
        if (snapshots[r]!.present[id] === 1) {
          anywhere = true;
          break;
        }
      }
      if (anywhere) this.reduceKey(id, snapshots, step);
    }
    for (let d = 0; d < this.derivedKeys.length; d++) this.derive(d, snapshots.length, step);

    const out = this.result;
    for (let e = 0; e < this.planNames.length; e++) {
      const ref = this.planRef[e]!;
      const name = this.planNames[e]!;
      const kind = this.planKind[e];
      const s = kind === ENTRY_KEY ? this.state[ref] : kind === ENTRY_SIBLING ? this.siblingState[ref] : this.derivedState[ref];
      if (s === VALUE) {
        out.push(name, kind === ENTRY_KEY ? this.reduced[ref]! : kind === ENTRY_SIBLING ? this.siblingValue[ref]! : this.derivedValue[ref]!);
      } else if (s === OMITTED) {
        out.addOmitted(name, kind === ENTRY_DERIVED ? this.derivedReason[ref]! : kind === ENTRY_SIBLING ? 'all_dropped' : this.reason[ref]!);
      }
    }
    if (this.emit !== undefined && (out.droppedTotal > 0 || out.omittedCount > 0)) this.emitEvents(out);
    return out;
  }

  private reduceKey(id: number, snapshots: readonly StepSnapshot[], step: number | null): void {
    const op = this.op[id]!;
    const wid = this.weightId[id]!;
    const wantSibling = this.sibling[id] === 1;
    const drop = this.dropNonFinite;
    const sum = this.sum;
    const weightSum = this.weightSum;
    sum.reset();
    weightSum.reset();
    let considered = 0;
    let dropped = 0;
    let extreme = op === OP_MIN ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
    let siblingMax = Number.NEGATIVE_INFINITY;
    let siblingCount = 0;
    for (let r = 0; r < snapshots.length; r++) {
      const snap = snapshots[r]!;
      let v = 0;
      if (snap.present[id] === 1) v = snap.values[id]!;
      else if (this.missing === MISSING_ERROR) throw this.missingError(r, id, step);
      else if (this.missing === MISSING_SKIP) continue;
      let w = 1;
      if (op === OP_WEIGHTED) {
        if (snap.present[wid] === 1) w = snap.values[wid]!;
        else if (this.missing === MISSING_ERROR) throw this.missingError(r, wid, step);
        else if (this.missing === MISSING_SKIP) continue;
        else w = 0;
      }
      if (drop && !(Number.isFinite(v) && Number.isFinite(w))) {
        dropped++;
        if (op !== OP_SUM) continue;
        // sum propagates; only its _max sibling drops the value.
        sum.add(v);
        considered++;
        continue;
      }
      considered++;
      if (op === OP_SUM || op === OP_MEAN) sum.add(v);
      else if (op === OP_WEIGHTED) {
        sum.addProduct(v, w);
        weightSum.add(w);
      } else if (!Number.isNaN(extreme) && (Number.isNaN(v) || (op === OP_MAX ? v > extreme : v < extreme))) {
        // NaN sticks once seen (propagate); otherwise keep the larger (max) or smaller (min).
        extreme = v;
      }
      if (wantSibling) {
        siblingCount++;
        if (!Number.isNaN(siblingMax) && (v > siblingMax || Number.isNaN(v))) siblingMax = v;
      }
    }
    if (dropped > 0) this.result.addDropped(this.registry.name(id), dropped);
    if (considered === 0) this.omit(id, 'all_dropped');
    else if (op === OP_WEIGHTED) {
      const totalWeight = weightSum.value();
      if (totalWeight === 0) this.omit(id, 'zero_weight');
      else this.setReduced(id, sum.value() / totalWeight);
    } else if (op === OP_SUM) this.setReduced(id, sum.value());
    else if (op === OP_MEAN) this.setReduced(id, sum.value() / considered);
    else this.setReduced(id, extreme);
    if (wantSibling) {
      if (siblingCount === 0) {
        this.siblingState[id] = OMITTED;
      } else {
        this.siblingState[id] = VALUE;
        this.siblingValue[id] = siblingMax;
      }
    }
  }

  private setReduced(id: number, value: number): void {
    this.state[id] = VALUE;
    this.reduced[id] = value;
  }

  private omit(id: number, reason: OmitReason): void {
    this.state[id] = OMITTED;
    this.reason[id] = reason;
  }

  private derive(d: number, ranks: number, step: number | null): void {
    const num = this.operand(this.derivedNumId[d]!, ranks, step);
    const den = this.operand(this.derivedDenId[d]!, ranks, step);
    if (num === undefined || den === undefined) {
      this.derivedState[d] = OMITTED;
      this.derivedReason[d] = 'missing_operand';
    } else if (den === 0) {
      this.derivedState[d] = OMITTED;
      this.derivedReason[d] = 'zero_denominator';
    } else {
      this.derivedState[d] = VALUE;
      this.derivedValue[d] = num / den;
    }
  }

  /** The reduced value of an operand; a key on no rank follows the missing policy. */
  private operand(id: number, ranks: number, step: number | null): number | undefined {
    const s = this.state[id];
    if (s === VALUE) return this.reduced[id];
    if (s === OMITTED) return undefined;
    if (this.missing === MISSING_ERROR && ranks > 0) throw this.missingError(0, id, step);
    return this.missing === MISSING_ZERO ? 0 : undefined;
  }

  private missingError(rank: number, id: number, step: number | null): MissingMetricError {
    return new MissingMetricError(rank, this.registry.name(id), step, this.rankLabels?.[rank]);
  }

  private build(): void {
    const registry = this.registry;
    // Interning weight and operand names can grow the registry: loop until stable.
    const numIds = this.derivedRules.map((rule) => registry.id(rule.numerator));
    const denIds = this.derivedRules.map((rule) => registry.id(rule.denominator));
    const rules = [];
    for (let id = 0; id < registry.size; id++) {
      const rule = this.matcher.ruleFor(registry.name(id));
      rules.push(rule);
      if (rule.weight !== undefined) registry.id(rule.weight);
    }
    const size = registry.size;
    this.op = new Uint8Array(size);
    this.weightId = new Int32Array(size).fill(-1);
    this.sibling = new Uint8Array(size);
    this.derivedName = new Uint8Array(size);
    this.state = new Uint8Array(size);
    this.reduced = new Float64Array(size);
    this.reason = new Array<OmitReason>(size).fill('all_dropped');
    this.siblingState = new Uint8Array(size);
    this.siblingValue = new Float64Array(size);
    this.derivedNumId = Int32Array.from(numIds);
    this.derivedDenId = Int32Array.from(denIds);
    this.derivedReason = new Array<OmitReason>(this.derivedKeys.length).fill('missing_operand');
    const derived = new Set(this.derivedKeys);
    const entries: { name: string; kind: number; ref: number }[] = [];
    for (let id = 0; id < size; id++) {
      const name = registry.name(id);
      if (derived.has(name)) {
        this.derivedName[id] = 1;
        continue;
      }
      const rule = rules[id] ?? this.matcher.ruleFor(name);
      this.op[id] = OP_CODES[rule.op ?? 'mean'];
      if (rule.weight !== undefined) this.weightId[id] = registry.id(rule.weight);
      entries.push({ name, kind: ENTRY_KEY, ref: id });
      if (rule.max_sibling === true) {
        this.sibling[id] = 1;
        entries.push({ name: `${name}_max`, kind: ENTRY_SIBLING, ref: id });
      }
    }
    this.derivedKeys.forEach((name, d) => {
      entries.push({ name, kind: ENTRY_DERIVED, ref: d });
    });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (let e = 1; e < entries.length; e++) {
      const a = entries[e - 1]!;
      const b = entries[e]!;
      if (a.name === b.name) {
        const what = (x: { kind: number; ref: number }) =>
          x.kind === ENTRY_KEY ? 'an input key' : x.kind === ENTRY_SIBLING ? `the _max sibling of "${registry.name(x.ref)}"` : 'a derived ratio';
        throw new MetricKeyError(`output key "${a.name}" would be both ${what(a)} and ${what(b)}`, a.name);
      }
    }
    this.planNames = entries.map((e) => e.name);
    this.planKind = Uint8Array.from(entries.map((e) => e.kind));
    this.planRef = Int32Array.from(entries.map((e) => e.ref));
    this.builtFor = size;
  }

  private emitEvents(out: ReducedStep): void {
    const result = out.toResult();
    if (result.dropped.total > 0) {
      this.emit?.({ event: 'metrics_non_finite_dropped', severity: 'warning', step: out.step, dropped: result.dropped.total, keys: result.dropped.byKey });
    }
    if (result.omitted.length > 0) {
      this.emit?.({ event: 'metrics_keys_omitted', severity: 'info', step: out.step, omitted: [...result.omitted] });
    }
  }
}
