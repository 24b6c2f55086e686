import { assessObservation, observationSchema, type Verdict } from '@repro/verdict-core';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { storeBackends } from '../test/store-backends.js';
import {
  CanonicalConflictError,
  CanonicalRunNotFoundError,
  MIGRATIONS,
  MigrationStateError,
  P0_DIMENSIONS,
  type StoreEvent,
  StoreInputError,
  StoreNotMigratedError,
  storeEventSchema,
} from './index.js';

const backends = await storeBackends();
afterAll(async () => {
  for (const backend of backends) await backend.close();
});

const PROVENANCE = {
  build_sha: 'abc123',
  instance_type: 'm5.large',
  feature_versions: { buy_features: 'v7' },
  artifact_versions: ['model@3', 'encoder@1'],
  os: 'linux-6.1',
  lib_versions: { numpy: '1.26.4', lightgbm: '4.3.0' },
};

function verdictFor(cell: string, decidedAt: string, replayB = 0.61): Verdict {
  const observation = observationSchema.parse({
    cell,
    metric: 'f1_buy',
    replay_a: { value: 0.61, fingerprint: PROVENANCE },
    replay_b: { value: replayB },
    canonical: { run_id: 'r1', value: 0.6101, provenance: PROVENANCE },
    eps_prod: { value: 0.002, image_sha: 'sha256:prod' },
  });
  return assessObservation(observation, { decidedAt }).verdict;
}

describe.each(backends)('canonical store on $name', (backend) => {
  const migrated = async (emit?: (event: StoreEvent) => void) => {
    const store = await backend.newStore({ emit });
    await store.migrate();
    return store;
  };

  describe('migrations', () => {
    it('applies every migration once, records their checksums, and a second run applies nothing', async () => {
      const events: StoreEvent[] = [];
      const store = await backend.newStore({ emit: (e) => events.push(e) });
      expect((await store.migrationStatus()).pending.map((m) => m.version)).toEqual(MIGRATIONS.map((m) => m.version));
      const first = await store.migrate();
      expect(first.applied.map((m) => m.version)).toEqual([1, 2, 3, 4]);
      expect(first.status.pending).toEqual([]);
      expect(first.status.applied.map((m) => [m.version, m.checksum.length])).toEqual([
        [1, 64],
        [2, 64],
        [3, 64],
        [4, 64],
      ]);
      expect(events.map((e) => e.event)).toEqual(MIGRATIONS.map(() => 'store_migration_applied'));
      expect((await store.migrate()).applied).toEqual([]);
      await expect(store.ensureMigrated()).resolves.toBeUndefined();
    });

    it('refuses to run when an applied migration changed, and when the schema knows a migration this code does not', async () => {
      const store = await migrated();
      await backend.sql(`update "${store.schema}".schema_migrations set checksum = 'edited' where version = 2`);
      const changed = await store.migrate().catch((e: unknown) => e);
      expect(changed).toBeInstanceOf(MigrationStateError);
      expect(changed).toMatchObject({ kind: 'checksum_mismatch', version: 2 });
      expect((await store.migrationStatus()).problem?.kind).toBe('checksum_mismatch');
      await expect(store.ensureMigrated()).rejects.toBeInstanceOf(MigrationStateError);

      const newer = await migrated();
      await backend.sql(`insert into "${newer.schema}".schema_migrations (version, name, checksum) values (99, 'from_the_future', 'x')`);
      await expect(newer.migrate()).rejects.toMatchObject({ kind: 'unknown_version', version: 99 });
    });

    it('a store that was never migrated says so instead of failing on a missing table', async () => {
      const store = await backend.newStore();
      await expect(store.getCanonical('c', 'm')).rejects.toBeInstanceOf(StoreNotMigratedError);
      await expect(store.ensureMigrated()).rejects.toMatchObject({ pending: [1, 2, 3, 4] });
      const inspection = await store.inspectSchema();
      expect(inspection).toMatchObject({ gate: 'INFEASIBLE_UNTIL_SCHEMA', source: { kind: 'store', exists: false }, persisted: [] });
      expect(inspection.missing).toEqual([...P0_DIMENSIONS]);
    });
  });

  describe('canonical runs', () => {
    it('getCanonical of a (cell, metric) with no canonical is {present: false}, not an error', async () => {
      const store = await migrated();
      expect(await store.getCanonical('defi_top5/fold-3', 'f1_buy')).toEqual({ present: false });
      await store.recordCanonical({ run_id: 'r1', cell: 'defi_top5/fold-3', metric: 'f1_buy', value: 0.61 });
      // recorded but never promoted: still no canonical
      expect(await store.getCanonical('defi_top5/fold-3', 'f1_buy')).toEqual({ present: false });
    });

    it('returns the promoted run with every P0 dimension, null where not recorded (never invented)', async () => {
      const store = await migrated();
      await store.recordCanonical({ run_id: 'full', cell: 'c1', metric: 'f1_buy', value: 0.61, provenance: PROVENANCE }, { promote: true });
      expect(await store.getCanonical('c1', 'f1_buy')).toEqual({ present: true, run_id: 'full', value: 0.61, provenance: PROVENANCE });
      await store.recordCanonical({ run_id: 'partial', cell: 'c2', metric: 'f1_buy', value: 0.5, provenance: { build_sha: 'abc', os: null } }, { promote: true });
      expect(await store.getCanonical('c2', 'f1_buy')).toEqual({
        present: true,
        run_id: 'partial',
        value: 0.5,
        provenance: { build_sha: 'abc', instance_type: null, feature_versions: null, artifact_versions: null, os: null, lib_versions: null },
      });
    });

    it('promoting demotes the previous canonical in the same transaction and keeps the history', async () => {
      const events: StoreEvent[] = [];
      const store = await migrated((e) => events.push(e));
      await store.recordCanonical({ run_id: 'a', cell: 'c', metric: 'm', value: 1 }, { promote: true });
      await store.recordCanonical({ run_id: 'b', cell: 'c', metric: 'm', value: 2 });
      const promotion = await store.promoteCanonical('b');
      expect(promotion).toEqual({ run_id: 'b', cell: 'c', metric: 'm', changed: true, demoted_run_id: 'a' });
      expect(await store.promoteCanonical('b')).toMatchObject({ changed: false, demoted_run_id: null });
      await store.promoteCanonical('a'); // back to a: history grows, runs are never rewritten
      expect((await store.getCanonical('c', 'm')) as { run_id: string }).toMatchObject({ run_id: 'a', value: 1 });
      const history = await store.canonicalHistory('c', 'm');
      expect(history.map((h) => [h.run_id, h.demoted_at === null])).toEqual([
        ['a', true],
        ['b', false],
        ['a', false],
      ]);
      expect(history[1]!.demoted_at).toBe(history[0]!.promoted_at);
      expect(events.filter((e) => e.event === 'canonical_promoted').map((e) => [e.run_id, e.demoted_run_id])).toEqual([
        ['a', null],
        ['b', 'a'],
        ['a', 'b'],
      ]);
      for (const event of events) storeEventSchema.parse(event);
    });

    it('the database itself refuses a second current canonical for a (cell, metric)', async () => {
      const store = await migrated();
      await store.recordCanonical({ run_id: 'a', cell: 'c', metric: 'm', value: 1 }, { promote: true });
      await store.recordCanonical({ run_id: 'b', cell: 'c', metric: 'm', value: 2 });
      const bypass = backend.sql(`insert into "${store.schema}".canonical_promotions (run_id, cell, metric) values ('b', 'c', 'm')`);
      await expect(bypass).rejects.toMatchObject({ code: '23505' });
      // nor may a promotion claim another (cell, metric) than its run's
      await expect(backend.sql(`insert into "${store.schema}".canonical_promotions (run_id, cell, metric) values ('b', 'c', 'other')`)).rejects.toMatchObject({ code: '23503' });
      // nor a non-finite value
      await expect(backend.sql(`insert into "${store.schema}".canonical_runs (run_id, cell, metric, value) values ('n', 'c', 'm', 'NaN')`)).rejects.toMatchObject({ code: '23514' });
    });

    it('concurrent promotions of one (cell, metric) all succeed and leave exactly one canonical', async () => {
      const store = await migrated();
      const ids = Array.from({ length: 8 }, (_, i) => `run-${i}`);
      for (const id of ids) await store.recordCanonical({ run_id: id, cell: 'c', metric: 'm', value: 1 });
      const results = await Promise.all(ids.map((id) => store.promoteCanonical(id)));
      expect(results.every((r) => r.changed)).toBe(true);
      const current = await backend.sql<{ n: number }>(`select count(*)::int as n from "${store.schema}".canonical_promotions where demoted_at is null`);
      expect(current[0]!.n).toBe(1);
      const history = await store.canonicalHistory('c', 'm');
      expect(history).toHaveLength(8);
      expect(history.filter((h) => h.demoted_at === null)).toHaveLength(1);
      // each demotion names the run that really was current: the demoted ids are the 7 others, each once
      expect(results.map((r) => r.demoted_run_id).filter((id) => id !== null).sort()).toEqual(ids.filter((id) => id !== history[0]!.run_id).sort());
    });

    it('a run is immutable: the same run again is a no-op, a different one under its run_id a conflict', async () => {
      const store = await migrated();
      const run = { run_id: 'r', cell: 'c', metric: 'm', value: 0.25, provenance: { lib_versions: { b: '2', a: '1' } }, extra: { note: 'x' } };
      expect((await store.recordCanonical(run)).created).toBe(true);
      // key order of JSON never matters
      expect((await store.recordCanonical({ ...run, provenance: { lib_versions: { a: '1', b: '2' } } })).created).toBe(false);
      const conflict = await store.recordCanonical({ ...run, value: 0.26, provenance: { build_sha: 'x' } }).catch((e: unknown) => e);
      expect(conflict).toBeInstanceOf(CanonicalConflictError);
      expect((conflict as CanonicalConflictError).fields).toEqual(['value', 'provenance.build_sha', 'provenance.lib_versions']);
      await expect(store.promoteCanonical('never-recorded')).rejects.toBeInstanceOf(CanonicalRunNotFoundError);
    });

    it('a failed record-and-promote writes nothing', async () => {
      const events: StoreEvent[] = [];
      const store = await migrated((e) => events.push(e));
      await store.recordCanonical({ run_id: 'r', cell: 'c', metric: 'm', value: 1 }, { promote: true });
      events.length = 0;
      await expect(store.recordCanonical({ run_id: 'r', cell: 'c', metric: 'm', value: 2 }, { promote: true })).rejects.toBeInstanceOf(CanonicalConflictError);
      expect(events).toEqual([]);
      expect(await store.canonicalHistory('c', 'm')).toHaveLength(1);
    });

    it('ids, cells and metrics are free-form non-empty strings, bound as parameters', async () => {
      const store = await migrated();
      const odd = ["r'; drop table canonical_runs; --", 'défi top5 / fold 3 ✓', 'metric "quoted" \\ back'];
      await store.recordCanonical({ run_id: odd[0]!, cell: odd[1]!, metric: odd[2]!, value: -0.5 }, { promote: true });
      expect(await store.getCanonical(odd[1]!, odd[2]!)).toMatchObject({ present: true, run_id: odd[0], value: -0.5 });
    });

    it('bad input is refused before any write, naming the field', async () => {
      const store = await migrated();
      const base = { run_id: 'r', cell: 'c', metric: 'm', value: 1 };
      const cases: [unknown, string][] = [
        [{ ...base, value: Number.NaN }, 'value'],
        [{ ...base, value: Number.POSITIVE_INFINITY }, 'value'],
        [{ ...base, cell: '' }, 'cell'],
        [{ ...base, run_id: 7 }, 'run_id'],
        [{ ...base, provenance: { build_sha: { sha: 'x' } } }, 'provenance.build_sha'],
        [{ ...base, provenance: { lib_versions: 3 } }, 'provenance.lib_versions'],
        [{ ...base, provenance: { python: '3.11' } }, 'provenance.python'],
        [{ ...base, recorded_at: 'yesterday' }, 'recorded_at'],
      ];
      for (const [input, field] of cases) {
        const error = await store.recordCanonical(input as never).catch((e: unknown) => e);
        expect(error, field).toBeInstanceOf(StoreInputError);
        expect((error as StoreInputError).field).toBe(field);
      }
      await expect(store.getCanonical('', 'm')).rejects.toMatchObject({ field: 'cell' });
      expect(await store.canonicalHistory('c', 'm')).toEqual([]);
      expect(await backend.sql(`select * from "${store.schema}".canonical_runs`)).toEqual([]);
    });

    it('values and recorded_at round-trip exactly', async () => {
      const store = await migrated();
      let i = 0;
      await fc.assert(
        fc.asyncProperty(fc.double({ noNaN: true, noDefaultInfinity: true }), async (value) => {
          i += 1;
          await store.recordCanonical({ run_id: `p${i}`, cell: `c${i}`, metric: 'm', value, recorded_at: '2026-01-02T03:04:05.678+02:00' }, { promote: true });
          const got = await store.getCanonical(`c${i}`, 'm');
          expect(got.present && Object.is(got.value, value)).toBe(true);
        }),
        { numRuns: 40 },
      );
      expect((await store.canonicalHistory('c1', 'm'))[0]!.recorded_at).toBe('2026-01-02T01:04:05.678Z');
    });
  });

  describe('eps_prod', () => {
    const envelope = {
      image_sha: 'sha256:prod-1',
      cell: 'c',
      metric: 'f1_buy',
      status: 'measured' as const,
      eps_prod: 0.0021,
      n: 10,
      method: 'pairwise-normal' as const,
      coverage: 0.95,
      confidence: 0.95,
      mean: 0.61,
      sd: 0.0004,
      samples: [0.61, 0.612, 0.609, 0.611, 0.613, 0.608, 0.61, 0.614, 0.607, 0.612],
    };

    it('stores and reads back eps_prod by (image SHA, cell, metric); an unknown key is {present: false}', async () => {
      const store = await migrated();
      const stored = await store.putEpsProd({ ...envelope, measured_at: '2026-11-01T00:00:00Z' });
      expect(stored).toMatchObject({ replaced: false, measured_at: '2026-11-01T00:00:00.000Z', reason: null });
      expect(await store.getEpsProd('sha256:prod-1', 'c', 'f1_buy')).toEqual({ present: true, ...envelope, reason: null, measured_at: '2026-11-01T00:00:00.000Z' });
      expect(await store.getEpsProd('sha256:prod-2', 'c', 'f1_buy')).toEqual({ present: false });
    });

    it('re-measuring the same key replaces the row (one row, the new values)', async () => {
      const store = await migrated();
      await store.putEpsProd(envelope);
      const again = await store.putEpsProd({ ...envelope, status: 'unmeasured', eps_prod: null, reason: 'too_few_samples', n: 2, samples: [0.6, 0.7], mean: 0.65, sd: null });
      expect(again.replaced).toBe(true);
      const rows = await backend.sql(`select n from "${store.schema}".eps_prod`);
      expect(rows).toHaveLength(1);
      expect(await store.getEpsProd(envelope.image_sha, 'c', 'f1_buy')).toMatchObject({ status: 'unmeasured', eps_prod: null, reason: 'too_few_samples', samples: [0.6, 0.7] });
    });

    it('keeps non-finite samples of an unmeasured envelope exactly', async () => {
      const store = await migrated();
      const samples = [0.1, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0, 5e-324, 1.7976931348623157e308];
      await store.putEpsProd({ ...envelope, status: 'unmeasured', eps_prod: null, reason: 'non_finite_sample', n: samples.length, samples, mean: null, sd: null });
      const got = await store.getEpsProd(envelope.image_sha, 'c', 'f1_buy');
      expect(got.present && got.samples.every((x, i) => Object.is(x, samples[i]))).toBe(true);
    });

    it('refuses an inconsistent envelope, naming the field', async () => {
      const store = await migrated();
      const cases: [unknown, string][] = [
        [{ ...envelope, eps_prod: null }, 'eps_prod'],
        [{ ...envelope, status: 'unmeasured' }, 'eps_prod'],
        [{ ...envelope, status: 'unmeasured', eps_prod: null }, 'reason'],
        [{ ...envelope, n: 11 }, 'n'],
        [{ ...envelope, coverage: 1 }, 'coverage'],
        [{ ...envelope, method: 'bootstrap' }, 'method'],
        [{ ...envelope, image_sha: '' }, 'image_sha'],
        [{ ...envelope, eps_prod: Number.POSITIVE_INFINITY }, 'eps_prod'],
      ];
      for (const [input, field] of cases) await expect(store.putEpsProd(input as never), field).rejects.toMatchObject({ name: 'StoreInputError', field });
      expect(await store.getEpsProd(envelope.image_sha, 'c', 'f1_buy')).toEqual({ present: false });
    });
  });

  describe('verdict history', () => {
    it('saves the full Verdict artefact and lists newest first, filtered and limited', async () => {
      const events: StoreEvent[] = [];
      const store = await migrated((e) => events.push(e));
      const v1 = verdictFor('a', '2026-11-01T10:00:00Z');
      const v2 = verdictFor('b', '2026-11-02T10:00:00Z', 0.62);
      const v3 = verdictFor('a', '2026-11-03T10:00:00+01:00');
      for (const v of [v1, v2, v3]) await store.saveVerdict(v);
      expect(await store.listVerdicts()).toEqual([v3, v2, v1]);
      expect(await store.listVerdicts({ cell: 'a' })).toEqual([v3, v1]);
      expect(await store.listVerdicts({ verdict: 'NON_DETERMINISTIC' })).toEqual([v2]);
      expect(await store.listVerdicts({ metric: 'f1_sell' })).toEqual([]);
      expect(await store.listVerdicts({ limit: 1 })).toEqual([v3]);
      expect(events.filter((e) => e.event === 'verdict_saved').map((e) => [e.cell, e.verdict])).toEqual([
        ['a', 'FIDELITY_OK'],
        ['b', 'NON_DETERMINISTIC'],
        ['a', 'FIDELITY_OK'],
      ]);
    });

    it('saves once per idempotency key: a second save under the key stores nothing and returns the first id', async () => {
      const store = await migrated();
      const first = verdictFor('a', '2026-11-01T10:00:00Z');
      const retried = verdictFor('a', '2026-11-01T10:05:00Z', 0.62);
      const saved = await store.saveVerdict(first, { key: 'job-1' });
      expect(saved.created).toBe(true);
      expect(await store.saveVerdict(retried, { key: 'job-1' })).toEqual({ id: saved.id, created: false });
      // identical artefacts without a key (or under other keys) are separate verdicts
      expect((await store.saveVerdict(first, { key: 'job-2' })).created).toBe(true);
      expect((await store.saveVerdict(first)).created).toBe(true);
      expect(await store.listVerdicts()).toEqual([first, first, first]);
      await expect(store.saveVerdict(first, { key: '' })).rejects.toMatchObject({ field: 'key' });
    });

    it('validates the artefact with verdictSchema and the filter', async () => {
      const store = await migrated();
      const bad = { ...verdictFor('a', '2026-11-01T10:00:00Z'), det_status: 'MAYBE' };
      await expect(store.saveVerdict(bad as never)).rejects.toMatchObject({ field: 'verdict.det_status' });
      await expect(store.listVerdicts({ limit: 0 })).rejects.toMatchObject({ field: 'limit' });
      expect(await store.listVerdicts()).toEqual([]);
    });
  });

  describe('inspectSchema and mapped external tables', () => {
    async function resultsTable(schema: string) {
      const table = `"${schema}".finetune_results`;
      await backend.sql(`create table ${table} (id integer, cell text, f1_buy real, build_sha text, instance_type text, libs text, created_at timestamptz)`);
      await backend.sql(
        `insert into ${table} values
           (1, 'c', 0.5, 'old', 'm5', null, '2026-01-01Z'),
           (2, 'c', 0.625, 'new', null, '{"numpy": "1.26"}', '2026-02-01Z'),
           (3, 'd', 0.75, null, null, null, null)`,
      );
      return `${schema}.finetune_results`;
    }

    it('reports the store READY once migrated', async () => {
      const store = await migrated();
      const inspection = await store.inspectSchema();
      expect(inspection).toMatchObject({ gate: 'READY', missing: [], source: { kind: 'store', exists: true } });
      expect(inspection.persisted).toEqual([...P0_DIMENSIONS]);
      expect(inspection.dimensions.lib_versions).toEqual({ persisted: true, column: 'lib_versions', type: 'jsonb' });
    });

    it('reports INFEASIBLE_UNTIL_SCHEMA with the missing dimensions for a table lacking them, READY when mapped fully', async () => {
      const store = await backend.newStore(); // mapped reads need no migration
      const table = await resultsTable(store.schema);
      const mapping = { table, columns: { run_id: 'id', value: 'f1_buy', cell: 'cell', build_sha: 'build_sha', instance_type: null } };
      const inspection = await store.inspectSchema(mapping);
      expect(inspection).toMatchObject({ gate: 'INFEASIBLE_UNTIL_SCHEMA', persisted: ['build_sha'], source: { kind: 'mapped', table } });
      expect(inspection.missing).toEqual(['instance_type', 'feature_versions', 'artifact_versions', 'os', 'lib_versions']);
      const narrowed = await store.inspectSchema(mapping, { requiredDims: ['build_sha'] });
      expect(narrowed.gate).toBe('READY');
      await backend.sql(`alter table "${store.schema}".finetune_results add column os text, add column fv jsonb, add column av jsonb`);
      const full = await store.inspectSchema({
        table,
        columns: { run_id: 'id', value: 'f1_buy', cell: 'cell', build_sha: 'build_sha', instance_type: 'instance_type', os: 'os', lib_versions: 'libs', feature_versions: 'fv', artifact_versions: 'av' },
      });
      expect(full.gate).toBe('READY');
    });

    it('a mapping that does not fit the table is refused, naming the key', async () => {
      const store = await backend.newStore();
      const table = await resultsTable(store.schema);
      const columns = { run_id: 'id', value: 'f1_buy', cell: 'cell' };
      await expect(store.inspectSchema({ table: `${store.schema}.nope`, columns })).rejects.toMatchObject({ name: 'ColumnMappingError', field: 'table' });
      await expect(store.inspectSchema({ table, columns: { ...columns, value: 'f1_bu' } })).rejects.toMatchObject({ field: 'columns.value' });
      await expect(store.inspectSchema({ table, columns: { ...columns, canonical: 'cell' } })).rejects.toMatchObject({ field: 'columns.canonical' });
      await expect(store.inspectSchema({ table, columns: { run_id: 'id', value: 'f1_buy' } } as never)).rejects.toMatchObject({ field: 'columns.cell' });
      await expect(store.inspectSchema({ table, columns: { ...columns, colour: 'x' } } as never)).rejects.toMatchObject({ field: 'columns.colour' });
      await expect(store.inspectSchema(undefined, { requiredDims: ['gpu'] })).rejects.toMatchObject({ field: 'requiredDims' });
    });

    it('getCanonical reads a mapped table: newest row wins, unmapped dimensions are null, JSON text is parsed', async () => {
      const store = await backend.newStore();
      const table = await resultsTable(store.schema);
      const mapping = { table, columns: { run_id: 'id', value: 'f1_buy', cell: 'cell', recorded_at: 'created_at', build_sha: 'build_sha', lib_versions: 'libs' } };
      expect(await store.getCanonical('c', 'f1_buy', { mapping })).toEqual({
        present: true,
        run_id: '2',
        value: 0.625,
        provenance: { build_sha: 'new', instance_type: null, feature_versions: null, artifact_versions: null, os: null, lib_versions: { numpy: '1.26' } },
      });
      // without a metric column, the table holds one metric: its value column's
      expect(await store.getCanonical('c', 'f1_sell', { mapping })).toEqual({ present: false });
      expect(await store.getCanonical('zzz', 'f1_buy', { mapping })).toEqual({ present: false });
      // several rows and nothing to choose by: refused, never guessed
      const ambiguous = { table, columns: { run_id: 'id', value: 'f1_buy', cell: 'cell' } };
      await expect(store.getCanonical('c', 'f1_buy', { mapping: ambiguous })).rejects.toMatchObject({ field: 'columns.recorded_at' });
      expect(await store.getCanonical('d', 'f1_buy', { mapping: ambiguous })).toMatchObject({ present: true, run_id: '3', value: 0.75 });
    });

    it('reads a mapped table with a metric column and a canonical flag, and never writes to it', async () => {
      const store = await backend.newStore();
      const table = `"${store.schema}".results_long`;
      await backend.sql(`create table ${table} (run text, cell text, metric text, v double precision, is_canonical boolean)`);
      await backend.sql(`insert into ${table} values ('x1', 'c', 'f1_buy', 0.1, false), ('x2', 'c', 'f1_buy', 0.2, true), ('x3', 'c', 'f1_sell', 0.3, true)`);
      const mapping = { table: `${store.schema}.results_long`, columns: { run_id: 'run', value: 'v', cell: 'cell', metric: 'metric', canonical: 'is_canonical' } };
      expect(await store.getCanonical('c', 'f1_buy', { mapping })).toMatchObject({ present: true, run_id: 'x2', value: 0.2 });
      expect(await store.getCanonical('c', 'f1_sell', { mapping })).toMatchObject({ present: true, run_id: 'x3' });
      expect(await backend.sql(`select run from ${table} order by run`)).toEqual([{ run: 'x1' }, { run: 'x2' }, { run: 'x3' }]);
    });
  });
});
