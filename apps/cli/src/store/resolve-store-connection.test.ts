import { describe, expect, it } from 'vitest';
import type { CliIo } from '../cli-io.js';
import type { CommandContext } from '../command-context.js';
import { resolveStoreConnection } from './resolve-store-connection.js';

function contextWith(env: Record<string, string>, cwd = '/work/project'): CommandContext {
  const io: CliIo = { stdout: () => undefined, stderr: () => undefined, readStdin: async () => '', env, cwd, stdoutIsTty: false, stderrIsTty: false, interrupts: () => new AbortController().signal };
  return { io, setExitCode: () => undefined, emitEvent: () => undefined, now: () => new Date(0) };
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
});
