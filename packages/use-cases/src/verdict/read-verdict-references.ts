import type { CanonicalStore } from '@repro/canonical-provenance';
import type { ObservationInput } from '@repro/verdict-core';

/** The store's provenance (readonly JSON values) as the observation takes it. */
type ObservedProvenance = NonNullable<ObservationInput['canonical']>['provenance'];

/** What a verdict reads from the store: the canonical with its P0 provenance, and eps_prod of the image. */
export interface VerdictReferences {
  readonly canonical: ObservationInput['canonical'];
  readonly eps_prod: ObservationInput['eps_prod'];
}

/**
 * The canonical of (cell, metric) and the measured eps_prod of (image_sha, cell, metric), in the shape of
 * verdict-core's observation: null when absent (→ canonical_absent / epsilon_prod_unmeasured), and null
 * for an eps_prod stored as unmeasured or when no image SHA is known.
 */
export async function readVerdictReferences(
  store: Pick<CanonicalStore, 'getCanonical' | 'getEpsProd'>,
  key: { readonly cell: string; readonly metric: string; readonly image_sha?: string | undefined },
): Promise<VerdictReferences> {
  const canonical = await store.getCanonical(key.cell, key.metric);
  const epsProd = key.image_sha === undefined ? ({ present: false } as const) : await store.getEpsProd(key.image_sha, key.cell, key.metric);
  return {
    canonical: canonical.present ? { run_id: canonical.run_id, value: canonical.value, provenance: canonical.provenance as ObservedProvenance } : null,
    eps_prod: epsProd.present && epsProd.status === 'measured' ? { value: epsProd.eps_prod, image_sha: epsProd.image_sha } : null,
  };
}
