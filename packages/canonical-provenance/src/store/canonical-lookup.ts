import type { Provenance } from '../p0-dimensions.js';

/** `getCanonical`'s answer: no canonical for (cell, metric), or the canonical run with its P0 provenance. */
export type CanonicalLookup =
  | { readonly present: false }
  | {
      readonly present: true;
      readonly run_id: string;
      readonly value: number;
      /** Every P0 dimension as a key; null where the store does not hold it. */
      readonly provenance: Provenance;
    };
