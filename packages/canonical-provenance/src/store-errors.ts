/** Base of every error this package throws on purpose. */
export class CanonicalStoreError extends Error {
  override name = 'CanonicalStoreError';
}

/** Bad input to the store: `field` names where (a dotted path such as `provenance.build_sha`), `message` what. */
export class StoreInputError extends CanonicalStoreError {
  override name = 'StoreInputError';
  readonly field: string;

  constructor(field: string, message: string) {
    super(`${field}: ${message}`);
    this.field = field;
  }
}

/** A column mapping that does not fit the table it names (unknown table or column, required key unmapped). */
export class ColumnMappingError extends StoreInputError {
  override name = 'ColumnMappingError';
}

/**
 * The database cannot be reached or used: down, wrong host/port/database, refused credentials, missing
 * privilege, or the embedded store held by another process. `where` is `host:port` (PostgreSQL) or the
 * embedded data directory; the message is one line with where and the cause.
 */
export class StoreUnavailableError extends CanonicalStoreError {
  override name = 'StoreUnavailableError';
  readonly where: string;
  readonly reason: string;

  constructor(where: string, reason: string, options?: { cause?: unknown }) {
    super(`${where}: ${reason}`, options);
    this.where = where;
    this.reason = reason;
  }
}

/**
 * The embedded data directory is held by another live Repro process for longer than the wait allowed. The
 * message names the holder (pid, command), the lock file and what to do.
 */
export class EmbeddedStoreBusyError extends StoreUnavailableError {
  override name = 'EmbeddedStoreBusyError';
  readonly holderPid: number | null;
  readonly holderCommand: string | null;
  readonly lockFile: string | null;

  constructor(where: string, holder: { readonly pid: number; readonly host: string; readonly command: string } | null, waitedMs: number, lockFile: string | null = null) {
    const who = holder === null ? 'another process' : `Repro process ${holder.pid}${holder.command ? ` (${holder.command.slice(0, 120)})` : ''} on ${holder.host}`;
    super(
      where,
      `in use by ${who} (waited ${(waitedMs / 1000).toFixed(1)} s): wait for it to finish or stop it${holder === null ? '' : ` (kill ${holder.pid})`}; ` +
        'for concurrent use, point --db / DATABASE_URL at PostgreSQL',
    );
    this.holderPid = holder?.pid ?? null;
    this.holderCommand = holder?.command ?? null;
    this.lockFile = lockFile;
  }
}

/** The schema has migrations this code does not know, or an applied migration changed: refused, nothing run. */
export class MigrationStateError extends CanonicalStoreError {
  override name = 'MigrationStateError';
  readonly kind: 'checksum_mismatch' | 'unknown_version';
  readonly version: number;

  constructor(kind: 'checksum_mismatch' | 'unknown_version', version: number, message: string) {
    super(message);
    this.kind = kind;
    this.version = version;
  }
}

/** The store's schema is behind this code: `migrate()` (`repro db migrate`) must run first. */
export class StoreNotMigratedError extends CanonicalStoreError {
  override name = 'StoreNotMigratedError';
  readonly pending: readonly number[];

  constructor(schema: string, pending: readonly number[]) {
    super(`schema ${schema} has ${pending.length} pending migration(s) (${pending.join(', ')}): run the migrations first (repro db migrate)`);
    this.pending = pending;
  }
}

/** A run id is already recorded with different content: runs are immutable. */
export class CanonicalConflictError extends CanonicalStoreError {
  override name = 'CanonicalConflictError';
  readonly runId: string;
  readonly fields: readonly string[];

  constructor(runId: string, fields: readonly string[]) {
    super(`run_id ${JSON.stringify(runId)} is already recorded with a different ${fields.join(', ')}: a recorded run never changes; record it under a new run_id`);
    this.runId = runId;
    this.fields = fields;
  }
}

/** Promotion of a run id that was never recorded. */
export class CanonicalRunNotFoundError extends CanonicalStoreError {
  override name = 'CanonicalRunNotFoundError';
  readonly runId: string;

  constructor(runId: string) {
    super(`run_id ${JSON.stringify(runId)} is not recorded: record it before promoting it`);
    this.runId = runId;
  }
}

/** A stored row does not pass validation on the way out (edited by hand, or written by something else). */
export class StoredDataError extends CanonicalStoreError {
  override name = 'StoredDataError';
}
