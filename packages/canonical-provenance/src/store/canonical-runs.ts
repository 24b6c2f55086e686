import { canonicalJson } from '@repro/verdict-core';
import { P0_DIMENSIONS, type Provenance } from '../p0-dimensions.js';
import type { CanonicalRun } from '../schema/canonical-run-input.js';
import { floatText } from '../sql/float-text.js';
import type { SqlQueryable } from '../sql/sql-client.js';
import { CanonicalConflictError, CanonicalRunNotFoundError } from '../store-errors.js';
import type { CanonicalLookup } from './canonical-lookup.js';
import { jsonParameter, readProvenance, toIsoTimestamp } from './read-row-values.js';
import type { StoreTables } from './store-tables.js';

export interface PromotionResult {
  readonly run_id: string;
  readonly cell: string;
  readonly metric: string;
  /** false when the run already was the canonical (nothing written). */
  readonly changed: boolean;
  /** The run that was the canonical until now; null when there was none (or nothing changed). */
  readonly demoted_run_id: string | null;
}

export interface RecordResult {
  readonly run_id: string;
  readonly cell: string;
  readonly metric: string;
  /** false when the identical run was already recorded. */
  readonly created: boolean;
  /** The promotion, when asked for; null otherwise. */
  readonly promotion: PromotionResult | null;
}

export interface CanonicalHistoryEntry {
  readonly run_id: string;
  readonly value: number;
  readonly recorded_at: string;
  readonly promoted_at: string;
  /** null for the current canonical. */
  readonly demoted_at: string | null;
  readonly provenance: Provenance;
  readonly extra: Readonly<Record<string, unknown>>;
}

const RUN_COLUMNS = `run_id, cell, metric, value, recorded_at, ${P0_DIMENSIONS.join(', ')}, extra`;

type RunRow = Record<string, unknown> & { run_id: string; cell: string; metric: string; value: number; recorded_at: unknown; extra: Record<string, unknown> };

/** The fields of `run` that differ from the stored `row` (recorded_at only when given). */
function differences(row: RunRow, run: CanonicalRun): string[] {
  const fields: string[] = [];
  if (row.cell !== run.cell) fields.push('cell');
  if (row.metric !== run.metric) fields.push('metric');
  if (!Object.is(Number(row.value), run.value)) fields.push('value');
  if (run.recorded_at !== undefined && toIsoTimestamp(row.recorded_at) !== new Date(run.recorded_at).toISOString()) fields.push('recorded_at');
  const stored = readProvenance(row);
  for (const dim of P0_DIMENSIONS) {
    if (canonicalJson(stored[dim] ?? null) !== canonicalJson(run.provenance[dim] ?? null)) fields.push(`provenance.${dim}`);
  }
  if (canonicalJson(row.extra) !== canonicalJson(run.extra)) fields.push('extra');
  return fields;
}

/**
 * Makes `runId` the canonical of its (cell, metric) inside the caller's transaction: the current one is
 * demoted and the new one inserted in the same transaction; the partial unique index is the guarantee,
 * an advisory lock per (cell, metric) only makes concurrent promotions queue instead of failing.
 */
export async function promoteInTransaction(tx: SqlQueryable, tables: StoreTables, runId: string): Promise<PromotionResult> {
  const [run] = await tx.query<{ cell: string; metric: string }>(`select cell, metric from ${tables.runs} where run_id = $1`, [runId]);
  if (run === undefined) throw new CanonicalRunNotFoundError(runId);
  const { cell, metric } = run;
  await tx.query('select pg_advisory_xact_lock(hashtextextended($1, 0))', [`repro.canonical:${tables.schema}:${JSON.stringify([cell, metric])}`]);
  const [current] = await tx.query<{ run_id: string }>(`select run_id from ${tables.promotions} where cell = $1 and metric = $2 and demoted_at is null`, [cell, metric]);
  if (current?.run_id === runId) return { run_id: runId, cell, metric, changed: false, demoted_run_id: null };
  // The time of the promotion is taken after the lock (clock_timestamp), not at the start of the
  // transaction (now()): promotions that queued on the lock are then ordered in history as they happened.
  const [{ at }] = (await tx.query<{ at: string }>('select clock_timestamp()::text as at')) as [{ at: string }];
  const demoted = await tx.query<{ run_id: string }>(
    `update ${tables.promotions} set demoted_at = $3::timestamptz where cell = $1 and metric = $2 and demoted_at is null returning run_id`,
    [cell, metric, at],
  );
  await tx.query(`insert into ${tables.promotions} (run_id, cell, metric, promoted_at) values ($1, $2, $3, $4::timestamptz)`, [runId, cell, metric, at]);
  return { run_id: runId, cell, metric, changed: true, demoted_run_id: demoted[0]?.run_id ?? null };
}

/**
 * Records a run (immutable: the identical run again is a no-op, a different one under the same run_id
 * is a CanonicalConflictError), and promotes it in the same transaction when asked.
 */
export async function recordInTransaction(tx: SqlQueryable, tables: StoreTables, run: CanonicalRun, promote: boolean): Promise<RecordResult> {
  const inserted = await tx.query(
    `insert into ${tables.runs} (run_id, cell, metric, value, recorded_at, build_sha, instance_type, feature_versions, artifact_versions, os, lib_versions, extra)
     values ($1, $2, $3, $4::float8, coalesce($5::timestamptz, now()), $6, $7, $8::text::jsonb, $9::text::jsonb, $10, $11::text::jsonb, $12::text::jsonb)
     on conflict (run_id) do nothing
     returning run_id`,
    [
      run.run_id,
      run.cell,
      run.metric,
      floatText(run.value),
      run.recorded_at ?? null,
      run.provenance.build_sha ?? null,
      run.provenance.instance_type ?? null,
      jsonParameter(run.provenance.feature_versions),
      jsonParameter(run.provenance.artifact_versions),
      run.provenance.os ?? null,
      jsonParameter(run.provenance.lib_versions),
      JSON.stringify(run.extra),
    ],
  );
  const created = inserted.length === 1;
  if (!created) {
    const [row] = await tx.query<RunRow>(`select ${RUN_COLUMNS} from ${tables.runs} where run_id = $1`, [run.run_id]);
    const fields = differences(row!, run);
    if (fields.length > 0) throw new CanonicalConflictError(run.run_id, fields);
  }
  const promotion = promote ? await promoteInTransaction(tx, tables, run.run_id) : null;
  return { run_id: run.run_id, cell: run.cell, metric: run.metric, created, promotion };
}

/** The current canonical of (cell, metric), one index lookup; `{present: false}` when there is none. */
export async function readCanonical(db: SqlQueryable, tables: StoreTables, cell: string, metric: string): Promise<CanonicalLookup> {
  const [row] = await db.query<Record<string, unknown> & { run_id: string; value: number }>(
    `select r.run_id, r.value, ${P0_DIMENSIONS.map((dim) => `r.${dim}`).join(', ')}
       from ${tables.promotions} p join ${tables.runs} r on r.run_id = p.run_id
      where p.cell = $1 and p.metric = $2 and p.demoted_at is null`,
    [cell, metric],
  );
  if (row === undefined) return { present: false };
  return { present: true, run_id: row.run_id, value: Number(row.value), provenance: readProvenance(row) };
}

/** Every promotion of (cell, metric), newest first: the current canonical (demoted_at null) and the ones before it. */
export async function readCanonicalHistory(db: SqlQueryable, tables: StoreTables, cell: string, metric: string): Promise<CanonicalHistoryEntry[]> {
  const rows = await db.query<RunRow & { promoted_at: unknown; demoted_at: unknown }>(
    `select ${RUN_COLUMNS.split(', ')
      .map((column) => `r.${column}`)
      .join(', ')}, p.promoted_at, p.demoted_at
       from ${tables.promotions} p join ${tables.runs} r on r.run_id = p.run_id
      where p.cell = $1 and p.metric = $2
      order by p.promoted_at desc, p.id desc`,
    [cell, metric],
  );
  return rows.map((row) => ({
    run_id: row.run_id,
    value: Number(row.value),
    recorded_at: toIsoTimestamp(row.recorded_at),
    promoted_at: toIsoTimestamp(row.promoted_at),
    demoted_at: row.demoted_at === null ? null : toIsoTimestamp(row.demoted_at),
    provenance: readProvenance(row),
    extra: row.extra,
  }));
}
