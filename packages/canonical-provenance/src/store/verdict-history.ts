import { type Verdict, verdictSchema } from '@repro/verdict-core';
import type { z } from 'zod';
import type { verdictFilterSchema } from '../schema/verdict-filter.js';
import type { SqlQueryable } from '../sql/sql-client.js';
import { StoredDataError } from '../store-errors.js';
import { toInteger } from './read-row-values.js';
import type { StoreTables } from './store-tables.js';

/**
 * Appends one verdict artefact (already validated) to the history; returns its id. With an idempotency
 * key, a verdict already saved under that key is not saved again: its id comes back with `created: false`.
 */
export async function insertVerdict(db: SqlQueryable, tables: StoreTables, verdict: Verdict, key?: string): Promise<{ id: number; created: boolean }> {
  const [row] = await db.query<{ id: unknown }>(
    `insert into ${tables.verdicts} (cell, metric, verdict, decided_at, artefact, idempotency_key) values ($1, $2, $3, $4::timestamptz, $5::text::jsonb, $6)
     on conflict (idempotency_key) do nothing returning id`,
    [verdict.cell, verdict.metric, verdict.verdict, verdict.decided_at, JSON.stringify(verdict), key ?? null],
  );
  if (row !== undefined) return { id: toInteger(row.id), created: true };
  const [existing] = await db.query<{ id: unknown }>(`select id from ${tables.verdicts} where idempotency_key = $1`, [key ?? null]);
  return { id: toInteger(existing!.id), created: false };
}

/**
 * Verdicts matching the filter, newest first (decided_at, then insertion order). Each artefact is
 * re-validated on the way out (and so comes back with the schema's key order).
 */
export async function selectVerdicts(db: SqlQueryable, tables: StoreTables, filter: z.output<typeof verdictFilterSchema>): Promise<Verdict[]> {
  const conditions: string[] = [];
  const params: unknown[] = [];
  for (const key of ['cell', 'metric', 'verdict'] as const) {
    const value = filter[key];
    if (value === undefined) continue;
    params.push(value);
    conditions.push(`${key} = $${params.length}`);
  }
  params.push(filter.limit);
  const rows = await db.query<{ id: unknown; artefact: unknown }>(
    `select id, artefact from ${tables.verdicts}${conditions.length > 0 ? ` where ${conditions.join(' and ')}` : ''} order by decided_at desc, id desc limit $${params.length}`,
    params,
  );
  return rows.map((row) => {
    const parsed = verdictSchema.safeParse(row.artefact);
    if (!parsed.success) {
      throw new StoredDataError(`${tables.verdicts} id ${toInteger(row.id)}: the stored artefact is not a valid Verdict (${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message})`);
    }
    return parsed.data;
  });
}
