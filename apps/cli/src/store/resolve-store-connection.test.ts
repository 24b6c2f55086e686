import { DEFAULT_SCHEMA as STORE_DEFAULT_SCHEMA } from '@repro/canonical-provenance';
import { describe, expect, it } from 'vitest';
import { stubCommandContext } from '../../test/stub-command-context.js';
import type { CommandContext } from '../command-context.js';
import { DEFAULT_SCHEMA, resolveStoreConnection } from './resolve-store-connection.js';

function contextWith(env: Record<string, string>, cwd = '/work/project'): CommandContext {
  return stubCommandContext(env, cwd);
}

describe('which store a command opens', () => {
  it('--db beats DATABASE_URL, which beats the embedded store', () => {
    const env = { DATABASE_URL: 'postgres://env@h:1/db' };
    expect(resolveStoreConnection(contextWith(env), { db: 'postgres://flag@h:2/db' })).toMatchObject({ source: '--db', connection: { kind: 'postgres', url: 'postgres://flag@h:2/db' } });
    expect(resolveStoreConnection(contextWith(env), {})).toMatchObject({ source: 'DATABASE_URL', connection: { kind: 'postgres', url: 'postgres://env@h:1/db' } });
    expect(resolveStoreConnection(contextWith({ DATABASE_URL: '' }), {})).toMatchObject({ source: 'embedded' });
  });

  it('embedded: $REPRO_HOME/db, REPRO_HOME defaulting to ./.repro, relative to the CLI cwd (never process.env)', () => {
    expect(resolveStoreConnection(contextWith({}), {}).connection).toEqual({ kind: 'pglite', dataDir: '/work/project/.repro/db' });
    expect(resolveStoreConnection(contextWith({ REPRO_HOME: 'state' }), {}).connection).toEqual({ kind: 'pglite', dataDir: '/work/project/state/db' });
    expect(resolveStoreConnection(contextWith({ REPRO_HOME: '/var/repro' }), {}).connection).toEqual({ kind: 'pglite', dataDir: '/var/repro/db' });
  });

  it('the schema: --db-schema, then REPRO_DB_SCHEMA, then repro', () => {
    expect(resolveStoreConnection(contextWith({ REPRO_DB_SCHEMA: 'env_s' }), { dbSchema: 'flag_s' })).toMatchObject({ schema: 'flag_s', schemaSource: '--db-schema' });
    expect(resolveStoreConnection(contextWith({ REPRO_DB_SCHEMA: 'env_s' }), {})).toMatchObject({ schema: 'env_s', schemaSource: 'REPRO_DB_SCHEMA' });
    expect(resolveStoreConnection(contextWith({}), {})).toMatchObject({ schema: 'repro', schemaSource: 'default' });
  });

  it("the CLI's default schema is the store package's (held locally so start-up loads no store code)", () => {
    expect(DEFAULT_SCHEMA).toBe(STORE_DEFAULT_SCHEMA);
  });
});
