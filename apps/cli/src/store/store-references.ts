import type { CanonicalStore } from '@repro/canonical-provenance';
import type { ObservationInput } from '@repro/verdict-core';

/** What a verdict reads from the store: the canonical with its P0 provenance, and eps_prod of the image. */
export interface StoreReferences {
  readonly canonical: ObservationInput['canonical'];
  readonly eps_prod: ObservationInput['eps_prod'];
}

/**
 * The canonical of (cell, metric) and the measured eps_prod of (imageSha, cell, metric), in the shape of
 * verdict-core's observation: null when absent (→ canonical_absent / epsilon_prod_unmeasured), and
 * null for eps_prod stored as unmeasured or when no image SHA is known.
 */
export async function readStoreReferences(store: CanonicalStore, cell: string, metric: string, imageSha: string | undefined): Promise<StoreReferences> {
  const canonical = await store.getCanonical(cell, metric);
  const epsProd = imageSha === undefined ? ({ present: false } as const) : await store.getEpsProd(imageSha, cell, metric);
  return {
    canonical: canonical.present
      ? { run_id: canonical.run_id, value: canonical.value, provenance: canonical.provenance as NonNullable<ObservationInput['canonical']>['provenance'] }
      : null,
    eps_prod: epsProd.present && epsProd.eps_prod !== null ? { value: epsProd.eps_prod, image_sha: epsProd.image_sha } : null,
  };
}
