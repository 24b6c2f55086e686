import type { EnvelopeMethod, ProdEnvelope, UnmeasuredReason } from '@repro/verdict-core';
import type { EpsProdWrite } from '../schema/eps-prod-input.js';
import { floatArrayLiteral, floatParameter, readFloatArray } from '../sql/float-text.js';
import type { SqlQueryable } from '../sql/sql-client.js';
import { toInteger, toIsoTimestamp } from './read-row-values.js';
import type { StoreTables } from './store-tables.js';

/** verdict-core's envelope as a row holds it: a measured one carries `reason: null`. */
type StoredEnvelope =
  | (Extract<ProdEnvelope, { readonly status: 'measured' }> & { readonly reason: null })
  | Extract<ProdEnvelope, { readonly status: 'unmeasured' }>;

/**
 * eps_prod as stored for (image_sha, cell, metric): verdict-core's `ProdEnvelope` (status, eps_prod,
 * reason, n, method, coverage, confidence, mean, sd), with its key, the samples it was measured from (may
 * hold NaN/±Infinity when unmeasured for that reason) and when it was measured.
 */
export type EpsProdRecord = StoredEnvelope & {
  readonly image_sha: string;
  readonly cell: string;
  readonly metric: string;
  readonly samples: readonly number[];
  readonly measured_at: string;
};

export type EpsProdLookup = { readonly present: false } | ({ readonly present: true } & EpsProdRecord);

const COLUMNS = 'image_sha, cell, metric, status, eps_prod, reason, n, method, coverage, confidence, mean, sd, samples, measured_at';

function recordOf(row: Record<string, unknown>): EpsProdRecord {
  const number = (value: unknown) => (value === null ? null : Number(value));
  return {
    image_sha: String(row.image_sha),
    cell: String(row.cell),
    metric: String(row.metric),
    status: row.status as EpsProdRecord['status'],
    eps_prod: number(row.eps_prod),
    reason: (row.reason ?? null) as UnmeasuredReason | null,
    n: toInteger(row.n),
    method: row.method as EnvelopeMethod,
    coverage: Number(row.coverage),
    confidence: Number(row.confidence),
    mean: number(row.mean),
    sd: number(row.sd),
    samples: readFloatArray(row.samples),
    measured_at: toIsoTimestamp(row.measured_at),
  } as EpsProdRecord;
}

/** Stores eps_prod under its key; re-measuring the same key replaces the row in one statement (atomic). */
export async function upsertEpsProd(db: SqlQueryable, tables: StoreTables, write: EpsProdWrite): Promise<{ record: EpsProdRecord; replaced: boolean }> {
  const [row] = await db.query<Record<string, unknown> & { inserted: boolean }>(
    `insert into ${tables.epsProd} (${COLUMNS})
     values ($1, $2, $3, $4, $5::float8, $6, $7::int, $8, $9::float8, $10::float8, $11::float8, $12::float8, $13::text::float8[], coalesce($14::timestamptz, now()))
     on conflict (image_sha, cell, metric) do update set
       status = excluded.status, eps_prod = excluded.eps_prod, reason = excluded.reason, n = excluded.n, method = excluded.method,
       coverage = excluded.coverage, confidence = excluded.confidence, mean = excluded.mean, sd = excluded.sd,
       samples = excluded.samples, measured_at = excluded.measured_at
     returning ${COLUMNS}, (xmax = 0) as inserted`,
    [
      write.image_sha,
      write.cell,
      write.metric,
      write.status,
      floatParameter(write.eps_prod),
      write.reason ?? null,
      write.n,
      write.method,
      floatParameter(write.coverage),
      floatParameter(write.confidence),
      floatParameter(write.mean),
      floatParameter(write.sd),
      floatArrayLiteral(write.samples),
      write.measured_at ?? null,
    ],
  );
  return { record: recordOf(row!), replaced: row!.inserted !== true };
}

export async function readEpsProd(db: SqlQueryable, tables: StoreTables, imageSha: string, cell: string, metric: string): Promise<EpsProdLookup> {
  const [row] = await db.query(`select ${COLUMNS} from ${tables.epsProd} where image_sha = $1 and cell = $2 and metric = $3`, [imageSha, cell, metric]);
  return row === undefined ? { present: false } : { present: true, ...recordOf(row) };
}
