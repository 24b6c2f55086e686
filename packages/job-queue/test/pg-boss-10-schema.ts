import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The pg-boss release the worker ran on before pg-boss 12 (the last one for Node 20). */
export const PG_BOSS_10 = '10.4.2';

/** What an earlier worker left behind: a pg-boss 10 schema with one job in flight and one waiting. */
export interface PgBoss10Schema {
  /** `<schema>.version` as pg-boss 10 wrote it. */
  version: number;
  activeJobId: string;
  waitingJobId: string;
}

const SCRIPT = `
const PgBoss = require('pg-boss');
(async () => {
  const boss = new PgBoss({ connectionString: process.env.DATABASE_URL, schema: process.env.SCHEMA, supervise: false, schedule: false });
  boss.on('error', (e) => console.error(e));
  await boss.start();
  await boss.createQueue('verdict');
  await boss.send('verdict', { cell: 'in-flight', metric: 'f1_buy', profile: 'p' });
  const [active] = await boss.fetch('verdict');
  const waitingJobId = await boss.send('verdict', { cell: 'waiting', metric: 'f1_buy', profile: 'p' });
  const { rows } = await boss.getDb().executeSql('select version from "' + process.env.SCHEMA + '".version');
  await boss.stop({ graceful: false });
  process.stdout.write(JSON.stringify({ version: Number(rows[0].version), activeJobId: active.id, waitingJobId }));
})().catch((e) => { console.error(e); process.exit(1); });
`;

/**
 * Install pg-boss 10 from the npm registry into a cache folder (once per machine), as a test fixture, and
 * run it against `schema`: it creates its schema there, queues two jobs and claims one, as a pg-boss 10
 * worker that was stopped mid-job would leave it.
 */
export function createPgBoss10Schema(databaseUrl: string, schema: string): PgBoss10Schema {
  const dir = join(tmpdir(), `repro-pg-boss-${PG_BOSS_10}`);
  if (!existsSync(join(dir, 'node_modules', 'pg-boss', 'package.json'))) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'pg-boss-10-fixture', private: true, version: '0.0.0' }));
    execFileSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', `pg-boss@${PG_BOSS_10}`], { cwd: dir, stdio: 'pipe' });
  }
  writeFileSync(join(dir, 'leave-schema.cjs'), SCRIPT);
  const out = execFileSync(process.execPath, ['leave-schema.cjs'], { cwd: dir, env: { ...process.env, DATABASE_URL: databaseUrl, SCHEMA: schema }, encoding: 'utf8' });
  return JSON.parse(out) as PgBoss10Schema;
}
