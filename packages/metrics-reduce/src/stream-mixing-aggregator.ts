import { emitStepEvents } from './emit-step-events.js';
import type { MetricsReduceEventSink } from './metrics-events.js';
import { OutputSlots } from './output-slots.js';
import type { ReaderTable } from './reader-table.js';
import { ReducedStep } from './reduced-step.js';
import { STREAM_MIXING_KEYS } from './stream-mixing-record.js';
import { StreamMixingInputError } from './stream-mixing-input-error.js';
import type { StreamMixingSnapshot } from './stream-mixing-snapshot.js';

/** Output slots: the six fixed metrics, then one `realized_frac/<m>` per modality of the table. */
const C_PICKS = 0;
const C_L1 = 1;
const C_ENTROPY = 2;
const C_STALE = 3;
const C_STARVED = 4;
const C_ACTIVE = 5;
const C_FRAC = 6;

export interface StreamMixingAggregatorOptions {
  /** Sink for `metrics_keys_omitted` (default: none). */
  emit?: MetricsReduceEventSink;
}

/**
 * Reduces the stream-mixing snapshots of all ranks for one step into the family's metrics
 * (definitions below; `R` = the union over ranks of the readers present, `m` a modality of a reader in R):
 *
 * 1. `stream_mixing/picks_total` = Σ picks over readers and ranks;
 * 2. `stream_mixing/realized_frac/<m>` = Σ picks of modality m / picks_total, one key per modality of R
 *    (a modality with no picks gives 0); all omitted when picks_total is 0;
 * 3. `stream_mixing/target_l1` = Σ_m |realized_frac(m) − target_frac(m)|, where target_frac(m) =
 *    Σ target_weight of the readers of R in m / Σ target_weight of R (omitted when picks_total or the
 *    weight total is 0);
 * 4. `stream_mixing/entropy` = −Σ realized_frac·ln(realized_frac) over modalities with picks (nats;
 *    omitted when picks_total is 0);
 * 5. `stream_mixing/max_staleness` = max over ranks and their readers of `step − last_picked_step`
 *    (never picked: `step + 1`; omitted when there is no reader);
 * 6. `stream_mixing/starved_readers` = readers of R whose picks summed over ranks are 0;
 * 7. `stream_mixing/active_readers` = readers of R whose summed picks are > 0.
 *
 * Keys come out in code-unit order; omitted keys are reported (`metrics_keys_omitted`). After warm-up
 * `aggregate` allocates nothing and returns the same ReducedStep each call.
 */
export class StreamMixingAggregator {
  private builtFor = -1;
  private totals = new Float64Array(0);
  private inUnion = new Uint8Array(0);
  private modalityPicks = new Float64Array(0);
  private modalityWeight = new Float64Array(0);
  private modalityInUnion = new Uint8Array(0);
  private readonly outputs = new OutputSlots();
  private readonly result = new ReducedStep();
  private readonly emit: MetricsReduceEventSink | undefined;

  constructor(
    readonly table: ReaderTable,
    options: StreamMixingAggregatorOptions = {},
  ) {
    this.emit = options.emit;
  }

  /**
   * @throws StreamMixingInputError when a snapshot uses another table or the ranks are at different steps.
   */
  aggregate(snapshots: readonly StreamMixingSnapshot[]): ReducedStep {
    const table = this.table;
    if (this.builtFor !== table.size) this.build();
    const n = table.size;
    const modalityCount = table.modalities.length;
    const step = snapshots.length > 0 ? snapshots[0]!.step : 0;
    for (let r = 0; r < snapshots.length; r++) {
      const s = snapshots[r]!;
      if (s.table !== table) throw new StreamMixingInputError(`snapshot of rank ${r} uses another ReaderTable`, null, r);
      if (s.step !== step) throw new StreamMixingInputError(`rank ${r} is at step ${s.step} but rank 0 is at step ${step}`, null, r);
    }
    const totals = this.totals;
    const inUnion = this.inUnion;
    totals.fill(0);
    inUnion.fill(0);
    let staleness = Number.NEGATIVE_INFINITY;
    for (let r = 0; r < snapshots.length; r++) {
      const s = snapshots[r]!;
      const limit = Math.min(n, s.present.length);
      for (let i = 0; i < limit; i++) {
        if (s.present[i] !== 1) continue;
        inUnion[i] = 1;
        totals[i]! += s.picks[i]!;
        const last = s.lastPicked[i]!;
        const stale = Number.isNaN(last) ? step + 1 : step - last;
        if (stale > staleness) staleness = stale;
      }
    }
    const modalityPicks = this.modalityPicks;
    const modalityWeight = this.modalityWeight;
    const modalityInUnion = this.modalityInUnion;
    modalityPicks.fill(0);
    modalityWeight.fill(0);
    modalityInUnion.fill(0);
    let picksTotal = 0;
    let weightTotal = 0;
    let starved = 0;
    let active = 0;
    for (let i = 0; i < n; i++) {
      if (inUnion[i] !== 1) continue;
      const m = table.modalityOf(i);
      const picks = totals[i]!;
      const weight = table.targetWeightOf(i);
      modalityInUnion[m] = 1;
      modalityPicks[m]! += picks;
      modalityWeight[m]! += weight;
      picksTotal += picks;
      weightTotal += weight;
      if (picks > 0) active++;
      else starved++;
    }
    const outputs = this.outputs;
    outputs.clear();
    outputs.set(C_PICKS, picksTotal);
    outputs.set(C_STARVED, starved);
    outputs.set(C_ACTIVE, active);
    if (staleness === Number.NEGATIVE_INFINITY) outputs.omit(C_STALE, 'no_readers');
    else outputs.set(C_STALE, staleness);
    if (picksTotal === 0) {
      outputs.omit(C_L1, 'zero_denominator');
      outputs.omit(C_ENTROPY, 'zero_denominator');
      for (let m = 0; m < modalityCount; m++) if (modalityInUnion[m] === 1) outputs.omit(C_FRAC + m, 'zero_denominator');
    } else {
      let l1 = 0;
      let entropy = 0;
      for (let m = 0; m < modalityCount; m++) {
        if (modalityInUnion[m] !== 1) continue;
        const realized = modalityPicks[m]! / picksTotal;
        outputs.set(C_FRAC + m, realized);
        if (realized > 0) entropy -= realized * Math.log(realized);
        if (weightTotal > 0) l1 += Math.abs(realized - modalityWeight[m]! / weightTotal);
      }
      outputs.set(C_ENTROPY, entropy);
      if (weightTotal > 0) outputs.set(C_L1, l1);
      else outputs.omit(C_L1, 'zero_denominator');
    }
    const out = this.result;
    out.reset(step);
    outputs.writeTo(out);
    emitStepEvents(out, this.emit);
    return out;
  }

  /** Size the per-reader and per-modality arrays and plan the outputs (once per new reader). */
  private build(): void {
    const table = this.table;
    const modalities = table.modalities;
    const fixed: [string, number][] = [
      [STREAM_MIXING_KEYS.picksTotal, C_PICKS],
      [STREAM_MIXING_KEYS.targetL1, C_L1],
      [STREAM_MIXING_KEYS.entropy, C_ENTROPY],
      [STREAM_MIXING_KEYS.maxStaleness, C_STALE],
      [STREAM_MIXING_KEYS.starvedReaders, C_STARVED],
      [STREAM_MIXING_KEYS.activeReaders, C_ACTIVE],
    ];
    const planned = [
      ...fixed.map(([name, slot]) => ({ name, slot })),
      ...modalities.map((m, i) => ({ name: `${STREAM_MIXING_KEYS.realizedFracPrefix}${m}`, slot: C_FRAC + i })),
    ];
    this.outputs.plan(C_FRAC + modalities.length, planned, (slot) => (slot >= C_FRAC ? 'a realized_frac key' : 'a stream-mixing metric'));
    this.totals = new Float64Array(table.size);
    this.inUnion = new Uint8Array(table.size);
    this.modalityPicks = new Float64Array(modalities.length);
    this.modalityWeight = new Float64Array(modalities.length);
    this.modalityInUnion = new Uint8Array(modalities.length);
    this.builtFor = table.size;
  }
}
