/**
 * Bench: getCanonical latency (p50 / p99) with 1,000,000 canonical-run rows, on PostgreSQL and on the
 * embedded PGlite store, beside the reference a results table without our index answers with: a plain
 * `SELECT … WHERE cell = $1 AND metric = $2 ORDER BY recorded_at DESC LIMIT 1`. Same rows, same
 * machine, same run; prints a table and ratios, asserts nothing.
 *
 * Rows: 10,000 cells × 100 runs of metric f1_buy; the newest run of each cell is its canonical (with one
 * demoted promotion before it, so the history table is not trivially small).
 *
 * Run: pnpm tsx bench/canonical-provenance.ts [--rows N] [--only postgres|pglite]
 * PostgreSQL: $REPRO_TEST_DATABASE_URL or postgres://postgres@127.0.0.1:5432/test (skipped with a note when down).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { CanonicalStore } from '../packages/canonical-provenance/src/index.js';
import { openPgliteDirectory } from '../packages/canonical-provenance/src/sql/pglite-client.js';
import { openPostgresClient } from '../packages/canonical-provenance/src/sql/postgres-client.js';
import type { SqlClient } from '../packages/canonical-provenance/src/sql/sql-client.js';
import { SqlCanonicalStore } from '../packages/canonical-provenance/src/store/canonical-store.js';

const args = process.argv.slice(2);
const argValue = (name: string) => {
  const at = args.indexOf(name);
  return at === -1 ? undefined : args[at + 1];
};
const ROWS = Number(argValue('--rows') ?? 1_000_000);
const ONLY = argValue('--only');
const CELLS = Math.max(1, Math.min(10_000, Math.floor(ROWS / 100)));
const SCHEMA = `bench_cp_${Date.now().toString(36)}`;

type Sql = (text: string, params?: unknown[]) => Promise<unknown[]>;

/** The store and raw SQL (bulk load, reference query) on the same connection(s). */
async function onClient(client: SqlClient, work: (store: CanonicalStore, sql: Sql) => Promise<void>): Promise<void> {
  const store = new SqlCanonicalStore(client, SCHEMA, () => undefined);
  try {
    await work(store, (text, params) => client.query(text, params));
  } finally {
    if (client.backend === 'postgres') await client.exec(`drop schema if exists "${SCHEMA}" cascade`);
    await client.close();
  }
}

interface Row {
  backend: string;
  query: string;
  samples: number;
  p50: number;
  p99: number;
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}

/** A seeded PRNG (mulberry32), so every backend is asked for the same cells. */
function cellsToAsk(count: number): string[] {
  let seed = 0x5eed;
  const next = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return Array.from({ length: count }, () => `cell-${Math.floor(next() * CELLS)}`);
}

async function time(samples: number, warmup: number, run: (cell: string) => Promise<unknown>): Promise<{ p50: number; p99: number }> {
  const cells = cellsToAsk(samples + warmup);
  for (const cell of cells.slice(0, warmup)) await run(cell);
  const durations: number[] = [];
  for (const cell of cells.slice(warmup)) {
    const start = performance.now();
    await run(cell);
    durations.push(performance.now() - start);
  }
  durations.sort((a, b) => a - b);
  return { p50: percentile(durations, 0.5), p99: percentile(durations, 0.99) };
}

/** Loads ROWS runs into the store's tables (one canonical per cell) and the same rows into an unindexed reference table. */
async function load(sql: Sql): Promise<number> {
  const start = performance.now();
  const s = `"${SCHEMA}"`;
  await sql(`
    insert into ${s}.canonical_runs (run_id, cell, metric, value, recorded_at, build_sha, instance_type, os, lib_versions)
    select 'run-' || g, 'cell-' || (g % ${CELLS}), 'f1_buy', 0.6 + (g % 1000) / 100000.0,
           timestamptz '2026-01-01' + (g || ' seconds')::interval, 'sha-' || (g % 97), 'm5.large', 'linux', '{"numpy": "1.26"}'::jsonb
      from generate_series(1, ${ROWS}) g`);
  // per cell: the second-newest run was the canonical before (demoted), the newest is the canonical now
  await sql(`
    insert into ${s}.canonical_promotions (run_id, cell, metric, promoted_at, demoted_at)
    select run_id, cell, metric, recorded_at, recorded_at + interval '1 hour'
      from (select run_id, cell, metric, recorded_at, row_number() over (partition by cell order by recorded_at desc) as k from ${s}.canonical_runs) r
     where k = 2`);
  await sql(`
    insert into ${s}.canonical_promotions (run_id, cell, metric, promoted_at)
    select run_id, cell, metric, recorded_at + interval '2 hours'
      from (select run_id, cell, metric, recorded_at, row_number() over (partition by cell order by recorded_at desc) as k from ${s}.canonical_runs) r
     where k = 1`);
  // the reference: a results table as it often is, keyed by its id and nothing else
  await sql(`create table ${s}.plain_results (run_id text primary key, cell text, metric text, value double precision, recorded_at timestamptz, build_sha text, instance_type text, os text, lib_versions jsonb)`);
  await sql(`insert into ${s}.plain_results select run_id, cell, metric, value, recorded_at, build_sha, instance_type, os, lib_versions from ${s}.canonical_runs`);
  await sql(`analyze ${s}.canonical_runs`);
  await sql(`analyze ${s}.canonical_promotions`);
  await sql(`analyze ${s}.plain_results`);
  return performance.now() - start;
}

async function measure(backend: string, store: CanonicalStore, sql: Sql, rows: Row[]): Promise<void> {
  await store.migrate();
  const loadMs = await load(sql);
  process.stdout.write(`${backend}: loaded ${ROWS.toLocaleString('en')} runs over ${CELLS} cells in ${(loadMs / 1000).toFixed(1)} s\n`);
  const first = await store.getCanonical('cell-1', 'f1_buy');
  if (!first.present) throw new Error(`${backend}: no canonical for cell-1 after loading`);
  const ours = await time(2000, 200, (cell) => store.getCanonical(cell, 'f1_buy'));
  rows.push({ backend, query: 'getCanonical (promotion index)', samples: 2000, ...ours });
  const plainText = `select run_id, value, build_sha, instance_type, os, lib_versions from "${SCHEMA}".plain_results where cell = $1 and metric = $2 order by recorded_at desc limit 1`;
  const plainSamples = ROWS >= 500_000 ? 40 : 200;
  const plain = await time(plainSamples, 3, (cell) => sql(plainText, [cell, 'f1_buy']));
  rows.push({ backend, query: 'plain ORDER BY recorded_at DESC LIMIT 1, no index', samples: plainSamples, ...plain });
}

const rows: Row[] = [];
if (ONLY === undefined || ONLY === 'postgres') {
  const url = process.env.REPRO_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const client = await openPostgresClient({ url }).catch((error: Error) => {
    process.stdout.write(`postgres: skipped (${error.message})\n`);
    return null;
  });
  if (client !== null) await onClient(client, (store, sql) => measure('postgres', store, sql, rows));
}
if (ONLY === undefined || ONLY === 'pglite') {
  // on disk, opened as the embedded default is ($REPRO_HOME/db)
  const dir = mkdtempSync(join(tmpdir(), 'repro-bench-pglite-'));
  try {
    await onClient(await openPgliteDirectory(dir), (store, sql) => measure('pglite', store, sql, rows));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const header = ['backend', 'query', 'samples', 'p50 ms', 'p99 ms', 'p50 vs ours'];
const table = rows.map((row) => {
  const ours = rows.find((r) => r.backend === row.backend && r.query.startsWith('getCanonical'))!;
  return [row.backend, row.query, String(row.samples), row.p50.toFixed(3), row.p99.toFixed(3), `${(row.p50 / ours.p50).toFixed(1)}×`];
});
const widths = header.map((h, i) => Math.max(h.length, ...table.map((r) => r[i]!.length)));
const line = (cells: readonly string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ');
process.stdout.write(`\n${line(header)}\n${line(widths.map((w) => '-'.repeat(w)))}\n${table.map(line).join('\n')}\n`);
