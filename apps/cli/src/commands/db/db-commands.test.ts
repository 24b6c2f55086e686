import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '@repro/test-services';
import { afterAll, describe, expect, it } from 'vitest';
import { runRepro } from '../../../test/run-cli-in-process.js';
import { cliStoreBackends } from '../../../test/store-backends.js';

const backends = await cliStoreBackends();
const dirs: string[] = [];
afterAll(async () => {
  for (const backend of backends) await backend.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('repro db on a fresh clone (embedded store, no DATABASE_URL)', () => {
  it('status shows the pending migrations and INFEASIBLE_UNTIL_SCHEMA; after migrate the gate is READY', { timeout: 120_000 }, async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'repro-cli-clone-'));
    dirs.push(cwd);
    const before = await runRepro(['db', 'status', '--json'], { cwd, env: {} });
    expect(before.code).toBe(0);
    const status = JSON.parse(before.stdout);
    expect(status).toMatchObject({ backend: 'pglite', target: `pglite:${join(cwd, '.repro', 'db')}`, schema: 'repro', p0: { gate: 'INFEASIBLE_UNTIL_SCHEMA' } });
    expect(status.migrations.pending.map((m: { version: number }) => m.version)).toEqual([1, 2, 3, 4]);
    expect(existsSync(join(cwd, '.repro', 'db', 'pgdata', 'PG_VERSION'))).toBe(true);

    const migrate = await runRepro(['db', 'migrate', '--events'], { cwd, env: {} });
    expect(migrate.code).toBe(0);
    expect(migrate.stdout).toMatch(/applied 1 canonical_runs, 2 eps_prod, 3 verdict_history, 4 verdict_idempotency_key/);
    expect(migrate.stderr.trim().split('\n').map((line) => JSON.parse(line).event)).toEqual(Array(4).fill('store_migration_applied'));

    // events only when asked: the embedded store's first migration prints nothing unasked
    const fresh = mkdtempSync(join(tmpdir(), 'repro-cli-quiet-'));
    dirs.push(fresh);
    const list = await runRepro(['verdicts', 'list'], { cwd: fresh, env: {} });
    expect(list.code).toBe(0);
    expect(list.stderr).toBe('');

    const after = await runRepro(['db', 'status'], { cwd, env: {} });
    expect(after.code).toBe(0);
    expect(after.stdout).toMatch(/P0 gate\s+READY/);
    expect(after.stdout).toMatch(/migrations\s+4 applied, 0 pending/);
    const again = await runRepro(['db', 'migrate', '--json'], { cwd, env: {} });
    expect(JSON.parse(again.stdout)).toMatchObject({ applied: [], migrations: { pending: [] } });
  });
});

describe.each(backends)('repro db on $name', (backend) => {
  it('inspect reports the gate of an existing table through a column mapping', async () => {
    const schema = await backend.newSchema();
    const env = backend.env(schema);
    expect((await runRepro(['db', 'migrate'], { env })).code).toBe(0);
    // the store's own runs table, seen as an external table mapped only in part
    const map = 'run_id=run_id,value=value,cell=cell,metric=metric,build_sha=build_sha,instance_type=';
    const run = await runRepro(['db', 'inspect', '--table', `${schema}.canonical_runs`, '--map', map, '--json'], { env });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({
      source: { kind: 'mapped', table: `${schema}.canonical_runs` },
      gate: 'INFEASIBLE_UNTIL_SCHEMA',
      persisted: ['build_sha'],
      missing: ['instance_type', 'feature_versions', 'artifact_versions', 'os', 'lib_versions'],
    });
    const full = `${map}instance_type,os=os,lib_versions=lib_versions,feature_versions=feature_versions,artifact_versions=artifact_versions`;
    const ready = await runRepro(['db', 'inspect', '--table', `${schema}.canonical_runs`, '--map', full], { env });
    expect(ready.stdout).toMatch(/P0 gate\s+READY/);
    expect(ready.stdout).toMatch(/lib_versions\s+yes\s+lib_versions\s+jsonb/);
  });

  it('inspect refuses a mapping that does not fit, naming the flag and key', async () => {
    const schema = await backend.newSchema();
    const env = backend.env(schema);
    await runRepro(['db', 'migrate'], { env });
    const table = `${schema}.canonical_runs`;
    const unknownColumn = await runRepro(['db', 'inspect', '--table', table, '--map', 'run_id=run_id,value=f1_buy,cell=cell'], { env });
    expect(unknownColumn.code).toBe(2);
    expect(unknownColumn.stderr).toMatch(/^repro: --map value: .*has no column "f1_buy"/m);
    const unknownTable = await runRepro(['db', 'inspect', '--table', `${schema}.finetune_results`, '--map', 'run_id=id,value=v,cell=c', '--json'], { env });
    expect(unknownTable.code).toBe(2);
    expect(JSON.parse(unknownTable.stdout)).toMatchObject({ error: { code: 'invalid_input', field: '--table' } });
    const badKey = await runRepro(['db', 'inspect', '--table', table, '--map', 'run_id=run_id,colour=red'], { env });
    expect(badKey.code).toBe(2);
    expect(badKey.stderr).toContain('--map: item 2 ("colour=red"): unknown key "colour"');
    expect((await runRepro(['db', 'inspect', '--table', table, '--map', 'run_id'], { env })).stderr).toContain('expected key=column');
    expect((await runRepro(['db', 'inspect', '--table', table, '--map', 'run_id=run_id,value=value'], { env })).stderr).toMatch(/--map cell: must name a column/);
  });
});

describe('repro db when the database is down or misnamed', () => {
  it('exits 3 with one line naming host:port and the cause, no stack trace, even with --verbose', async () => {
    const port = await freePort();
    const url = `postgres://postgres:hunter2@127.0.0.1:${port}/test`;
    for (const argv of [
      ['db', 'status', '--db', url],
      ['--verbose', 'canonical', 'show', '--cell', 'c', '--metric', 'm', '--db', url],
    ]) {
      const run = await runRepro(argv, { env: {} });
      expect(run.code).toBe(3);
      expect(run.stderr).toBe(`repro: database unavailable at 127.0.0.1:${port}: connection refused (connect ECONNREFUSED 127.0.0.1:${port})\n`);
      expect(run.stdout).toBe('');
    }
    // DATABASE_URL is used when --db is absent; --json prints exactly one JSON document
    const json = await runRepro(['db', 'status', '--json'], { env: { DATABASE_URL: url } });
    expect(json.code).toBe(3);
    expect(JSON.parse(json.stdout)).toEqual({
      error: {
        code: 'store_unavailable',
        message: `database unavailable at 127.0.0.1:${port}: connection refused (connect ECONNREFUSED 127.0.0.1:${port})`,
        where: `127.0.0.1:${port}`,
        reason: `connection refused (connect ECONNREFUSED 127.0.0.1:${port})`,
      },
    });
    expect(json.stderr).not.toContain('hunter2');
  });

  it('a URL that is not postgres:// is bad input (exit 2) naming where it came from', async () => {
    const flag = await runRepro(['db', 'status', '--db', 'mysql://root@127.0.0.1/x'], { env: {} });
    expect(flag.code).toBe(2);
    expect(flag.stderr).toMatch(/^repro: --db: unsupported scheme "mysql:"/);
    const env = await runRepro(['db', 'status'], { env: { DATABASE_URL: 'not a url' } });
    expect(env.code).toBe(2);
    expect(env.stderr).toMatch(/^repro: DATABASE_URL: not a URL/);
    const schema = await runRepro(['db', 'status', '--db-schema', 'Bad-Name'], { env: { DATABASE_URL: 'postgres://127.0.0.1:1/x' } });
    expect(schema.code).toBe(2);
    expect(schema.stderr).toMatch(/^repro: --db-schema: "Bad-Name" is not a schema name/);
  });
});

describe.skipIf(!backends.some((b) => b.name === 'postgres'))('repro on a PostgreSQL store that is not migrated', () => {
  it('asks for repro db migrate (exit 3) instead of migrating a shared database behind your back', async () => {
    const postgres = backends.find((b) => b.name === 'postgres')!;
    const env = postgres.env(await postgres.newSchema());
    const run = await runRepro(['canonical', 'show', '--cell', 'c', '--metric', 'm', '--json'], { env });
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/4 pending migration\(s\) \(1, 2, 3, 4\).*repro db migrate/);
    expect(JSON.parse(run.stdout)).toMatchObject({ error: { code: 'not_migrated', pending: [1, 2, 3, 4] } });
    expect((await runRepro(['db', 'migrate'], { env })).code).toBe(0);
    expect((await runRepro(['canonical', 'show', '--cell', 'c', '--metric', 'm', '--json'], { env })).stdout).toBe('{\n  "present": false\n}\n');
  });
});
