import { StreamMixingInputError } from './stream-mixing-input-error.js';

/**
 * The readers of a stream-mixing dataset (name, modality, target weight), shared by the per-rank
 * meters and the aggregator so both index readers by a dense integer. Grows only; `version` changes
 * whenever a reader is added.
 */
export class ReaderTable {
  private readonly byName = new Map<string, number>();
  private readonly modalityIds = new Map<string, number>();
  readonly names: string[] = [];
  readonly modalities: string[] = [];
  private modality: number[] = [];
  private weight: number[] = [];

  /**
   * Add a reader (or find it: adding the same reader again returns its index).
   * @throws StreamMixingInputError when the reader exists with another modality or target weight.
   */
  add(name: string, modality: string, targetWeight: number, rank: number | null = null): number {
    if (!(targetWeight >= 0) || !Number.isFinite(targetWeight)) {
      throw new StreamMixingInputError(`reader "${name}": target_weight must be a finite number ≥ 0, got ${targetWeight}`, name, rank);
    }
    const found = this.byName.get(name);
    if (found !== undefined) {
      const knownModality = this.modalities[this.modality[found]!]!;
      if (knownModality !== modality) {
        throw new StreamMixingInputError(`reader "${name}" has modality "${modality}"${rank !== null ? ` on rank ${rank}` : ''} but "${knownModality}" elsewhere`, name, rank);
      }
      if (this.weight[found] !== targetWeight) {
        throw new StreamMixingInputError(`reader "${name}" has target_weight ${targetWeight}${rank !== null ? ` on rank ${rank}` : ''} but ${this.weight[found]} elsewhere`, name, rank);
      }
      return found;
    }
    let m = this.modalityIds.get(modality);
    if (m === undefined) {
      m = this.modalities.length;
      this.modalityIds.set(modality, m);
      this.modalities.push(modality);
    }
    const index = this.names.length;
    this.byName.set(name, index);
    this.names.push(name);
    this.modality.push(m);
    this.weight.push(targetWeight);
    return index;
  }

  /** The reader's index, or -1. */
  lookup(name: string): number {
    return this.byName.get(name) ?? -1;
  }

  get size(): number {
    return this.names.length;
  }

  /** Modality index of reader `i`. */
  modalityOf(i: number): number {
    return this.modality[i]!;
  }

  targetWeightOf(i: number): number {
    return this.weight[i]!;
  }
}
