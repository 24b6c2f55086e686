import { type Verdict, verdictSchema } from '@repro/verdict-core';
import { MIGRATIONS, type Migration } from '../migrations/migration-list.js';
import { type MigrationStatus, readMigrationStatus, runMigrations } from '../migrations/run-migrations.js';
import { P0_DIMENSIONS, type P0Dimension } from '../p0-dimensions.js';
import { type CanonicalRunInput, canonicalRunInputSchema } from '../schema/canonical-run-input.js';
import type { ColumnMapping } from '../schema/column-mapping.js';
import { type EpsProdInput, epsProdInputSchema } from '../schema/eps-prod-input.js';
import { parseStoreInput } from '../schema/parse-store-input.js';
import { type VerdictFilter, verdictFilterSchema } from '../schema/verdict-filter.js';
import type { SqlBackend, SqlClient } from '../sql/sql-client.js';
import { StoreInputError, StoreNotMigratedError } from '../store-errors.js';
import type { StoreEvent } from '../store-events.js';
import type { CanonicalLookup } from './canonical-lookup.js';
import {
  type CanonicalHistoryEntry,
  type PromotionResult,
  promoteInTransaction,
  type RecordResult,
  readCanonical,
  readCanonicalHistory,
  recordInTransaction,
} from './canonical-runs.js';
import { describeRelation } from './describe-relation.js';
import { type EpsProdLookup, type EpsProdRecord, readEpsProd, upsertEpsProd } from './eps-prod-table.js';
import { describeMappedTable, inspectMappedTable, readMappedCanonical } from './mapped-table.js';
import { buildInspection, requiredDimensions, type SchemaInspection } from './schema-inspection.js';
import { type StoreTables, storeTables } from './store-tables.js';
import { insertVerdict, selectVerdicts } from './verdict-history.js';

/** The canonical-provenance store: one API on PostgreSQL and on embedded PGlite. */
export interface CanonicalStore {
  readonly backend: SqlBackend;
  /** Where the data is, for people (no password). */
  readonly target: string;
  /** The SQL schema of the store's tables. */
  readonly schema: string;

  /** Applies pending migrations (safe to run from several processes at once). */
  migrate(): Promise<{ readonly applied: readonly { readonly version: number; readonly name: string }[]; readonly status: MigrationStatus }>;
  /** What is applied and pending; never changes anything. */
  migrationStatus(): Promise<MigrationStatus>;
  /** Throws StoreNotMigratedError (pending migrations) or MigrationStateError (changed/unknown migration). */
  ensureMigrated(): Promise<void>;

  /** Records a canonical run (immutable; the same run again is a no-op), promoting it in the same transaction when asked. */
  recordCanonical(run: CanonicalRunInput, options?: { readonly promote?: boolean }): Promise<RecordResult>;
  /** Makes a recorded run the canonical of its (cell, metric), demoting the previous one in the same transaction. */
  promoteCanonical(runId: string): Promise<PromotionResult>;
  /** The canonical of (cell, metric) with its P0 provenance; from a mapped external table (read-only) when `mapping` is given. */
  getCanonical(cell: string, metric: string, options?: { readonly mapping?: ColumnMapping }): Promise<CanonicalLookup>;
  /** Every promotion of (cell, metric), newest first. */
  canonicalHistory(cell: string, metric: string): Promise<CanonicalHistoryEntry[]>;

  /** Stores eps_prod for (image_sha, cell, metric), replacing an earlier measurement atomically. */
  putEpsProd(input: EpsProdInput): Promise<EpsProdRecord & { readonly replaced: boolean }>;
  getEpsProd(imageSha: string, cell: string, metric: string): Promise<EpsProdLookup>;

  /** Appends a Verdict artefact (validated with verdictSchema) to the history. */
  /**
   * Appends a Verdict artefact (validated with verdictSchema) to the history. With `key` (e.g. a job id)
   * the write is idempotent: a second save under the same key stores nothing and returns the first id.
   */
  saveVerdict(verdict: Verdict, options?: { readonly key?: string }): Promise<{ readonly id: number; readonly created: boolean }>;
  /** Stored verdicts, newest first. */
  listVerdicts(filter?: VerdictFilter): Promise<Verdict[]>;

  /** Which P0 dimensions this store (or, with a mapping, an external table) persists, and the gate. */
  inspectSchema(mapping?: ColumnMapping, options?: { readonly requiredDims?: readonly string[] }): Promise<SchemaInspection>;

  close(): Promise<void>;
}

function checkKey(field: string, value: unknown): string {
  if (typeof value !== 'string' || value === '') throw new StoreInputError(field, 'must be a non-empty string');
  return value;
}

export class SqlCanonicalStore implements CanonicalStore {
  readonly backend: SqlBackend;
  readonly target: string;
  readonly schema: string;
  readonly #client: SqlClient;
  readonly #tables: StoreTables;
  readonly #emit: (event: StoreEvent) => void;
  readonly #migrations: readonly Migration[];

  constructor(client: SqlClient, schema: string, emit: (event: StoreEvent) => void, migrations: readonly Migration[] = MIGRATIONS) {
    this.#client = client;
    this.backend = client.backend;
    this.target = client.target;
    this.schema = schema;
    this.#tables = storeTables(schema);
    this.#emit = emit;
    this.#migrations = migrations;
  }

  /** Runs `work` on the store's own tables; a missing table means the schema was never migrated. */
  async #own<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if ((error as { code?: unknown } | null)?.code === '42P01') {
        const status = await this.migrationStatus();
        if (status.pending.length > 0) throw new StoreNotMigratedError(this.schema, status.pending.map((m) => m.version));
      }
      throw error;
    }
  }

  async migrate() {
    const { applied, status } = await runMigrations(this.#client, this.schema, this.#migrations);
    for (const migration of applied) this.#emit({ event: 'store_migration_applied', schema: this.schema, version: migration.version, name: migration.name });
    return { applied: applied.map(({ version, name }) => ({ version, name })), status };
  }

  async migrationStatus(): Promise<MigrationStatus> {
    return readMigrationStatus(this.#client, this.schema, this.#migrations);
  }

  async ensureMigrated(): Promise<void> {
    const status = await this.migrationStatus();
    if (status.problem !== null) throw status.problem;
    if (status.pending.length > 0) throw new StoreNotMigratedError(this.schema, status.pending.map((m) => m.version));
  }

  async recordCanonical(input: CanonicalRunInput, options: { readonly promote?: boolean } = {}): Promise<RecordResult> {
    const run = parseStoreInput(canonicalRunInputSchema, input);
    const result = await this.#own(() => this.#client.transaction((tx) => recordInTransaction(tx, this.#tables, run, options.promote === true)));
    this.#emit({ event: 'canonical_recorded', run_id: result.run_id, cell: result.cell, metric: result.metric, created: result.created });
    if (result.promotion?.changed === true) this.#emitPromotion(result.promotion);
    return result;
  }

  async promoteCanonical(runId: string): Promise<PromotionResult> {
    checkKey('run_id', runId);
    const result = await this.#own(() => this.#client.transaction((tx) => promoteInTransaction(tx, this.#tables, runId)));
    if (result.changed) this.#emitPromotion(result);
    return result;
  }

  #emitPromotion(promotion: PromotionResult): void {
    this.#emit({ event: 'canonical_promoted', run_id: promotion.run_id, cell: promotion.cell, metric: promotion.metric, demoted_run_id: promotion.demoted_run_id });
  }

  async getCanonical(cell: string, metric: string, options: { readonly mapping?: ColumnMapping } = {}): Promise<CanonicalLookup> {
    checkKey('cell', cell);
    checkKey('metric', metric);
    const { mapping } = options;
    if (mapping !== undefined) {
      return this.#client.transaction(async (tx) => readMappedCanonical(tx, await describeMappedTable(tx, mapping), cell, metric), { readOnly: true });
    }
    return this.#own(() => readCanonical(this.#client, this.#tables, cell, metric));
  }

  async canonicalHistory(cell: string, metric: string): Promise<CanonicalHistoryEntry[]> {
    checkKey('cell', cell);
    checkKey('metric', metric);
    return this.#own(() => readCanonicalHistory(this.#client, this.#tables, cell, metric));
  }

  async putEpsProd(input: EpsProdInput): Promise<EpsProdRecord & { readonly replaced: boolean }> {
    const write = parseStoreInput(epsProdInputSchema, input);
    const { record, replaced } = await this.#own(() => upsertEpsProd(this.#client, this.#tables, write));
    this.#emit({ event: 'eps_prod_stored', image_sha: record.image_sha, cell: record.cell, metric: record.metric, status: record.status, eps_prod: record.eps_prod, n: record.n, replaced });
    return { ...record, replaced };
  }

  async getEpsProd(imageSha: string, cell: string, metric: string): Promise<EpsProdLookup> {
    checkKey('image_sha', imageSha);
    checkKey('cell', cell);
    checkKey('metric', metric);
    return this.#own(() => readEpsProd(this.#client, this.#tables, imageSha, cell, metric));
  }

  async saveVerdict(input: Verdict, options: { readonly key?: string } = {}): Promise<{ readonly id: number; readonly created: boolean }> {
    const verdict = parseStoreInput(verdictSchema, input, ['verdict']);
    const key = options.key === undefined ? undefined : checkKey('key', options.key);
    const { id, created } = await this.#own(() => insertVerdict(this.#client, this.#tables, verdict, key));
    if (created) this.#emit({ event: 'verdict_saved', id, cell: verdict.cell, metric: verdict.metric, verdict: verdict.verdict });
    return { id, created };
  }

  async listVerdicts(filter: VerdictFilter = {}): Promise<Verdict[]> {
    const parsed = parseStoreInput(verdictFilterSchema, filter);
    return this.#own(() => selectVerdicts(this.#client, this.#tables, parsed));
  }

  async inspectSchema(mapping?: ColumnMapping, options: { readonly requiredDims?: readonly string[] } = {}): Promise<SchemaInspection> {
    const required = requiredDimensions(options.requiredDims);
    if (mapping !== undefined) return inspectMappedTable(await describeMappedTable(this.#client, mapping), required);
    const columns = await describeRelation(this.#client, this.#tables.runs);
    const located = {} as Record<P0Dimension, { column: string; type: string } | null>;
    for (const dim of P0_DIMENSIONS) {
      const type = columns?.get(dim);
      located[dim] = type === undefined ? null : { column: dim, type };
    }
    return buildInspection({ kind: 'store', table: `${this.schema}.canonical_runs`, exists: columns !== null }, located, required);
  }

  close(): Promise<void> {
    return this.#client.close();
  }
}
