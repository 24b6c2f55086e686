import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { embeddedLayout } from '@repro/canonical-provenance';
import { filesAsText, postgresSchemaAsText, schemaAsText } from '@repro/test-services';
import { afterAll, describe, expect, it } from 'vitest';
import { runRepro } from './run-cli-in-process.js';
import { scratchDir } from './scratch-dir.js';
import { type CliStoreBackend, cliStoreBackends } from './store-backends.js';

// Secrets never stored: a training cell that needs a credential (passed with --pass-env) reports it
// everywhere a cell can — its fingerprint's feature_versions, a metric name, stderr. `repro canonical
// record --from-run` and `repro verdict run --out` then run on the embedded store and on PostgreSQL, and
// every store is read back as text: the artefact files, and every table of the store's schema. The
// secret is in none of them; its marker is.
const CELL = fileURLToPath(new URL('../../worker/test/fixtures/train-cell.cjs', import.meta.url));
const KEY = ['--cell', 'defi_top5/fold-3', '--metric', 'f1_buy'];
const DIMS = ['--parity-dims', 'build_sha,instance_type'];

const backends = await cliStoreBackends();
afterAll(async () => {
  for (const backend of backends) await backend.close();
});

/** A secret of the CLI's environment the cell reads and reports, and the marker it must become. */
interface PlantedSecret {
  readonly name: string;
  readonly secret: string;
  readonly marker: string;
  readonly env: Record<string, string>;
}

const SECRETS: PlantedSecret[] = [
  {
    name: 'REPRO_TEST_SECRET',
    secret: 'tst-sekrit-4b7d1e9a',
    marker: '[redacted:REPRO_TEST_SECRET]',
    env: { REPRO_TEST_SECRET: 'tst-sekrit-4b7d1e9a', REPRO_SECRET_ENV: 'REPRO_TEST_SECRET' },
  },
  {
    // a URL-valued variable whose name does not look secret: its password is redacted
    name: 'FEATURE_DB_URL',
    secret: 'fdb-pass-9c2e7f31',
    marker: '[redacted:FEATURE_DB_URL]',
    env: { FEATURE_DB_URL: 'postgres://reader:fdb-pass-9c2e7f31@features.internal:5432/features' },
  },
];

/** The CLI's DATABASE_URL with a password (trust auth ignores it; one already there is kept and is the secret). */
function withPassword(databaseUrl: string): { url: string; password: string } {
  const url = new URL(databaseUrl);
  if (url.password === '') url.password = 'pg-pass-3e8a61d0';
  return { url: url.toString(), password: decodeURIComponent(url.password) };
}

/** Every row of every table in the store's schema, as text (PostgreSQL, or the embedded store's PGlite on disk). */
async function dumpStore(backend: CliStoreBackend, env: Record<string, string>, schema: string): Promise<string> {
  if (backend.name === 'postgres') return postgresSchemaAsText(schema, env.DATABASE_URL);
  const db = await PGlite.create(embeddedLayout(join(env.REPRO_HOME!, 'db')).pgdata);
  try {
    return await schemaAsText(db, schema);
  } finally {
    await db.close();
  }
}

describe.each(backends)('repro verdict run on $name: a secret the replay reports is in no store', (backend) => {
  const scratch = scratchDir(`repro-secrets-${backend.name}`);
  const planted: PlantedSecret[] = [...SECRETS];
  if (backend.name === 'postgres') {
    const { password } = withPassword(backend.env('x').DATABASE_URL!);
    planted.push({ name: 'DATABASE_URL', secret: password, marker: '[redacted:DATABASE_URL]', env: {} });
  }

  it.each(planted)('$name: the artefact, the verdict history and the canonical hold the marker, never the secret', async ({ name, secret, marker, env: secretEnv }) => {
    const schema = await backend.newSchema();
    const storeEnv = backend.env(schema);
    const env: Record<string, string> = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...storeEnv, ...secretEnv };
    if (storeEnv.DATABASE_URL !== undefined) env.DATABASE_URL = withPassword(storeEnv.DATABASE_URL).url;
    const out = join(scratch.dir, name);
    mkdirSync(out, { recursive: true });
    const repro = (...argv: string[]) => runRepro(argv, { env, cwd: scratch.dir });
    const leakingCell = ['--pass-env', name, '--', process.execPath, CELL, '--report-env', name];

    expect((await repro('db', 'migrate')).code).toBe(0);
    // the canonical from one run of the same cell: its fingerprint (feature_versions) is recorded redacted
    const canonical = await repro('canonical', 'record', ...KEY, '--run-id', 'canon-1', '--promote', '--from-run', ...leakingCell);
    expect(canonical.code, canonical.stderr).toBe(0);
    // a verdict: the replays report the secret in their fingerprints and as a metric name
    const ok = await repro('verdict', 'run', ...KEY, ...DIMS, '--out', join(out, 'verdict.json'), '--json', ...leakingCell);
    expect(ok.stderr).not.toContain(secret);
    const verdict = JSON.parse(ok.stdout);
    // both sides of P0 parity were redacted alike: feature_versions compares equal
    expect(verdict).toMatchObject({ canonical_run_id: 'canon-1', parity_dims: { feature_versions: 'equal' }, audit: { replay_fingerprint: { feature_versions: { feature_store: expect.stringContaining(marker) } } } });
    // a failing verdict: the required metric is absent and the error lists the reported ones, the secret's among them
    const failed = await repro('verdict', 'run', '--cell', 'defi_top5/fold-3', '--metric', 'f1_sell', '--out', join(out, 'failed.json'), '--json', ...leakingCell);
    expect(JSON.parse(failed.stdout)).toMatchObject({ reason: 'replay_error', audit: { replay_a: { error: expect.stringContaining(`leak:`) } } });

    const stores = { artefacts: filesAsText(out), tables: await dumpStore(backend, env, schema) };
    expect(stores.tables).toMatch(/verdict/);
    for (const [where, text] of Object.entries(stores)) {
      expect(text, where).not.toContain(secret);
      expect(text, where).toContain(marker);
    }
    // the canonical run's row, and the failed verdict's error, carry the marker
    expect(stores.tables.split('\n').filter((row) => row.includes('canon-1') && row.includes(marker)).length).toBeGreaterThan(0);
    expect(readFileSync(join(out, 'failed.json'), 'utf8')).toContain(marker);
  }, 180_000);
});
