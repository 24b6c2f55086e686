// Public surface of @repro/canonical-provenance: the store API, its schemas, events and errors.
export { MIGRATIONS, type Migration } from './migrations/migration-list.js';
export { type AppliedMigration, type MigrationStatus, migrationChecksum } from './migrations/run-migrations.js';
export { DEFAULT_SCHEMA, type OpenStoreOptions, openCanonicalStore, type StoreConnection } from './open-canonical-store.js';
export {
  type JsonDimensionValue,
  P0_DIMENSIONS,
  P0_JSON_DIMENSIONS,
  P0_TEXT_DIMENSIONS,
  type P0Dimension,
  type P0JsonDimension,
  type P0TextDimension,
  type Provenance,
} from './p0-dimensions.js';
export { type CanonicalRun, type CanonicalRunInput, canonicalRunInputSchema, type ProvenanceInput, provenanceInputSchema } from './schema/canonical-run-input.js';
export { type ColumnMapping, columnMappingSchema, MAPPING_KEYS } from './schema/column-mapping.js';
export { type EpsProdInput, epsProdInputSchema } from './schema/eps-prod-input.js';
export { MAX_VERDICT_LIMIT, type VerdictFilter, verdictFilterSchema } from './schema/verdict-filter.js';
export { describeConnectionFailure, isConnectionFailure } from './sql/connection-failure.js';
export { embeddedLayout } from './sql/pglite-client.js';
export type { PgliteInstance, PgliteQueryable } from './sql/pglite-instance.js';
export { isSchemaName, SCHEMA_NAME_RULE } from './sql/quote-identifier.js';
export type { SqlBackend } from './sql/sql-client.js';
export type { CanonicalLookup } from './store/canonical-lookup.js';
export type { CanonicalHistoryEntry, PromotionResult, RecordResult } from './store/canonical-runs.js';
export type { CanonicalStore } from './store/canonical-store.js';
export type { EpsProdLookup, EpsProdRecord } from './store/eps-prod-table.js';
export type { DimensionCoverage, SchemaGate, SchemaInspection } from './store/schema-inspection.js';
export {
  CanonicalConflictError,
  CanonicalRunNotFoundError,
  CanonicalStoreError,
  ColumnMappingError,
  EmbeddedStoreBusyError,
  MigrationStateError,
  StoredDataError,
  StoreInputError,
  StoreNotMigratedError,
  StoreUnavailableError,
} from './store-errors.js';
export {
  canonicalPromotedEventSchema,
  canonicalRecordedEventSchema,
  epsProdStoredEventSchema,
  migrationAppliedEventSchema,
  STORE_EVENT_NAMES,
  type StoreEvent,
  storeEventSchema,
  storeLockTakenOverEventSchema,
  verdictSavedEventSchema,
} from './store-events.js';
