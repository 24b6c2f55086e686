// Type tests of the signatures users depend on (checked by `vitest --typecheck`): a change here is an API change.
import type { Verdict } from '@repro/verdict-core';
import { describe, expectTypeOf, test } from 'vitest';
import { type CanonicalLookup, type CanonicalStore, type EpsProdLookup, openCanonicalStore, type PgliteInstance, type StoreConnection } from './index.js';

describe('canonical-provenance public signatures', () => {
  test('openCanonicalStore opens a CanonicalStore from a connection', () => {
    expectTypeOf(openCanonicalStore).returns.resolves.toEqualTypeOf<CanonicalStore>();
    expectTypeOf<{ connection: StoreConnection }>().toExtend<Parameters<typeof openCanonicalStore>[0]>();
  });

  test('the connection kinds: PostgreSQL url, embedded (PGlite) directory, PGlite in memory, a PGlite instance the caller owns', () => {
    expectTypeOf<StoreConnection['kind']>().toEqualTypeOf<'postgres' | 'pglite' | 'pglite-memory' | 'pglite-instance'>();
  });

  test('a PGlite instance is typed structurally: the published types do not need @electric-sql/pglite', () => {
    expectTypeOf<PgliteInstance>().toHaveProperty('query');
    expectTypeOf<PgliteInstance>().toHaveProperty('transaction');
  });

  test('reads and writes of the store', () => {
    expectTypeOf<CanonicalStore['getCanonical']>().returns.resolves.toEqualTypeOf<CanonicalLookup>();
    expectTypeOf<CanonicalStore['getEpsProd']>().parameters.toEqualTypeOf<[string, string, string]>();
    expectTypeOf<CanonicalStore['getEpsProd']>().returns.resolves.toEqualTypeOf<EpsProdLookup>();
    expectTypeOf<CanonicalStore['saveVerdict']>().parameter(0).toEqualTypeOf<Verdict>();
    expectTypeOf<CanonicalStore['listVerdicts']>().returns.resolves.toEqualTypeOf<Verdict[]>();
  });
});
