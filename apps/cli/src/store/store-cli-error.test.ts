import {
  CanonicalConflictError,
  CanonicalRunNotFoundError,
  ColumnMappingError,
  EmbeddedStoreBusyError,
  MigrationStateError,
  StoredDataError,
  StoreInputError,
  StoreNotMigratedError,
  StoreUnavailableError,
} from '@repro/canonical-provenance';
import { describe, expect, it } from 'vitest';
import { CliError } from '../cli-error.js';
import { EXIT } from '../exit-codes.js';
import { storeCliError } from './store-cli-error.js';

const cases: [string, unknown, number, RegExp][] = [
  ['bad input', new StoreInputError('value', 'must be a finite number'), EXIT.INVALID_INPUT, /^value: must be a finite number$/],
  ['a mapping that does not fit', new ColumnMappingError('columns.value', 't has no column "x"'), EXIT.INVALID_INPUT, /^columns\.value: t has no column/],
  ['database down', new StoreUnavailableError('127.0.0.1:5432', 'connection refused'), EXIT.SERVICE_UNAVAILABLE, /^database unavailable at 127\.0\.0\.1:5432: connection refused$/],
  [
    'embedded store busy',
    new EmbeddedStoreBusyError('/x/.repro/db', { pid: 42, host: 'h', command: 'node repro verdict run' }, 5_000),
    EXIT.SERVICE_UNAVAILABLE,
    /^embedded store unavailable at \/x\/\.repro\/db: in use by Repro process 42 \(node repro verdict run\) on h \(waited 5\.0 s\): wait for it to finish or stop it \(kill 42\); for concurrent use, point --db \/ DATABASE_URL at PostgreSQL$/,
  ],
  ['not migrated', new StoreNotMigratedError('repro', [2, 3]), EXIT.SERVICE_UNAVAILABLE, /pending migration.*repro db migrate/],
  ['a changed migration', new MigrationStateError('checksum_mismatch', 2, 'schema repro: applied migration 2 changed'), EXIT.SERVICE_UNAVAILABLE, /applied migration 2 changed/],
  ['a conflicting run', new CanonicalConflictError('r1', ['value']), EXIT.CONFLICT, /run_id "r1" is already recorded with a different value/],
  ['an unknown run', new CanonicalRunNotFoundError('r9'), EXIT.INVALID_INPUT, /^--run-id: run_id "r9" is not recorded/],
  ['corrupt stored data', new StoredDataError('verdicts id 3: not a Verdict'), EXIT.FAILURE, /verdicts id 3/],
];

describe('store errors on the command line', () => {
  it.each(cases)('%s → its exit code and one line, with a JSON body for --json', (_, error, code, message) => {
    const mapped = storeCliError(error);
    expect(mapped).toBeInstanceOf(CliError);
    expect((mapped as CliError).exitCode).toBe(code);
    expect((mapped as CliError).message).toMatch(message);
    expect((mapped as CliError).message).not.toContain('\n');
    expect((mapped as CliError).jsonBody).toBeDefined();
  });

  it('renames a field to the flag that carried it, and leaves other errors alone', () => {
    expect((storeCliError(new StoreInputError('run_id', 'must be a non-empty string'), (f) => `--${f.replace('_', '-')}`) as CliError).message).toBe('--run-id: must be a non-empty string');
    const other = new TypeError('boom');
    expect(storeCliError(other)).toBe(other);
  });
});
