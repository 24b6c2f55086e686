/**
 * Bench: read commands (`repro verdicts list`, `repro canonical show`) on the embedded PGlite store —
 * first use in an empty folder (template cached) and warm — beside the same commands on PostgreSQL, whole
 * `repro` process each, same run. Prints median wall time and peak RSS (GNU time %M of the child), the
 * ratio of medians and the median of the per-round ratios; asserts nothing about time.
 * Target (issue 15 item 9): embedded <= 1.5x PostgreSQL; first use < 3 s and < 300 MB.
 *
 * Fair by construction: PostgreSQL runs in a schema of its own (`repro_bench`, created and migrated here
 * with the package's migrations, dropped at the end); the warm embedded store and that schema hold the same
 * rows (one canonical run, 20 verdicts) and each command must print the same thing on both (checked).
 * The runs are interleaved: each round runs every (command, store) once, in an order that rotates from
 * round to round, so load from other work on the machine hits every store alike. Two reference rows show
 * what every command pays anyway: a bare `node` start and `repro --version`.
 *
 * Needs a built CLI (pnpm turbo run build --filter @repro/cli...). Run: pnpm tsx bench/embedded-store.ts [--runs N]
 * PostgreSQL: $REPRO_TEST_DATABASE_URL or postgres://postgres@127.0.0.1:5432/test.
 *
 * Measured on this machine (2 shared cores, other work running; see the package README):
 *   (figures: see packages/canonical-provenance/README.md "Opening the embedded store fast")
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { openCanonicalStore, type StoreConnection } from '../packages/canonical-provenance/src/index.js';
import { openPostgresClient } from '../packages/canonical-provenance/src/sql/postgres-client.js';
import { assessObservation, observationSchema } from '../packages/verdict-core/src/index.js';

const repro = join(dirname(fileURLToPath(import.meta.url)), '..', 'apps', 'cli', 'bin', 'repro.js');
const args = process.argv.slice(2);
const runsAt = args.indexOf('--runs');
const runs = runsAt === -1 ? 5 : Number(args[runsAt + 1]);
if (!Number.isSafeInteger(runs) || runs < 1) throw new Error(`--runs: expected a positive integer, got ${args[runsAt + 1]}`);
const pgUrl = process.env.REPRO_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const pgSchema = 'repro_bench';
const cell = 'bench/cell';
const metric = 'f1';

const commands: Record<string, string[]> = {
  'verdicts list': ['verdicts', 'list'],
  'canonical show': ['canonical', 'show', '--cell', cell, '--metric', metric],
};

interface Sample {
  readonly ms: number;
  readonly rssMb: number;
  readonly stdout: string;
}

/** One whole process under GNU time: wall ms, peak RSS MB, stdout. A failing command stops the bench. */
function measure(argv: string[], cwd: string, env: NodeJS.ProcessEnv): Sample {
  const t0 = performance.now();
  const child = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, ...argv], { cwd, env, encoding: 'utf8' });
  const ms = performance.now() - t0;
  const stderrLines = child.stderr.trim().split('\n');
  if (child.status !== 0) throw new Error(`${argv.join(' ')} exited with ${child.status}:\n${child.stderr}`);
  return { ms, rssMb: Number(stderrLines.at(-1)) / 1024, stdout: child.stdout };
}

/** The same rows in both stores: one promoted canonical run of (bench/cell, f1) and 20 verdicts. */
async function seed(connection: StoreConnection, schema?: string): Promise<void> {
  const store = await openCanonicalStore({ connection, ...(schema === undefined ? {} : { schema }) });
  try {
    await store.migrate();
    const provenance = { build_sha: 'abc123', instance_type: 'm5.large', os: 'linux-6.1', lib_versions: { numpy: '1.26.4' } };
    await store.recordCanonical({ run_id: 'bench-r1', cell, metric, value: 0.6101, recorded_at: '2026-01-01T00:00:00Z', provenance }, { promote: true });
    for (let i = 0; i < 20; i += 1) {
      const observation = observationSchema.parse({
        cell,
        metric,
        replay_a: { value: 0.61, fingerprint: provenance },
        replay_b: { value: i % 4 === 0 ? 0.6102 : 0.61 },
        canonical: { run_id: 'bench-r1', value: 0.6101, provenance },
        eps_prod: { value: 0.002, image_sha: 'sha256:prod' },
      });
      const decidedAt = new Date(Date.UTC(2026, 0, 2, 0, i)).toISOString();
      await store.saveVerdict(assessObservation(observation, { decidedAt }).verdict);
    }
  } finally {
    await store.close();
  }
}

const median = (xs: readonly number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

const work = mkdtempSync(join(tmpdir(), 'repro-bench-store-'));
const cacheHome = join(work, 'cache');
const warmDir = join(work, 'warm');
const env = { ...process.env, XDG_CACHE_HOME: cacheHome, DATABASE_URL: '', REPRO_DB_SCHEMA: '' };
const admin = await openPostgresClient({ url: pgUrl });
try {
  await admin.exec(`drop schema if exists ${pgSchema} cascade`);
  await seed({ kind: 'postgres', url: pgUrl }, pgSchema);
  await seed({ kind: 'pglite', dataDir: join(warmDir, '.repro', 'db'), templateCacheDir: join(cacheHome, 'repro', 'pglite-template') });

  type Mode = 'postgres' | 'embedded first use' | 'embedded warm';
  const modes: Mode[] = ['postgres', 'embedded first use', 'embedded warm'];
  const jobs = Object.entries(commands).flatMap(([name, argv]) => modes.map((mode) => ({ name, argv, mode })));
  const references = { 'node -e 0 (process start)': ['-e', '0'], 'repro --version': [repro, '--version'] };
  const samples = new Map<string, Sample[]>();
  const record = (key: string, sample: Sample) => samples.set(key, [...(samples.get(key) ?? []), sample]);
  const runJob = (job: (typeof jobs)[number]): Sample => {
    if (job.mode === 'postgres') return measure([repro, ...job.argv, '--db', pgUrl, '--db-schema', pgSchema], work, env);
    if (job.mode === 'embedded warm') return measure([repro, ...job.argv], warmDir, env);
    const first = mkdtempSync(join(work, 'first-'));
    try {
      return measure([repro, ...job.argv], first, env);
    } finally {
      rmSync(first, { recursive: true, force: true });
    }
  };

  // Warm-up round (not recorded): Node's compile cache, the page cache, and the equality check.
  for (const [name, argv] of Object.entries(commands)) {
    const onPostgres = runJob({ name, argv, mode: 'postgres' }).stdout;
    const embedded = runJob({ name, argv, mode: 'embedded warm' }).stdout;
    if (onPostgres !== embedded) throw new Error(`${name} prints different things on the two stores:\n${onPostgres}\n---\n${embedded}`);
  }
  for (let round = 0; round < runs; round += 1) {
    const rotated = [...jobs.slice(round % jobs.length), ...jobs.slice(0, round % jobs.length)];
    for (const job of rotated) record(`${job.name}\u0000${job.mode}`, runJob(job));
    for (const [name, argv] of Object.entries(references)) record(`${name}\u0000reference`, measure(argv, work, env));
  }

  const rows: string[][] = [];
  for (const name of Object.keys(commands)) {
    const pg = samples.get(`${name}\u0000postgres`)!;
    for (const mode of modes) {
      const own = samples.get(`${name}\u0000${mode}`)!;
      const ratioOfMedians = median(own.map((s) => s.ms)) / median(pg.map((s) => s.ms));
      const pairedRatio = median(own.map((s, i) => s.ms / pg[i]!.ms));
      rows.push([
        name,
        mode,
        `${median(own.map((s) => s.ms)).toFixed(0)} ms`,
        `${median(own.map((s) => s.rssMb)).toFixed(0)} MB`,
        `${Math.max(...own.map((s) => s.rssMb)).toFixed(0)} MB`,
        `${ratioOfMedians.toFixed(2)}x`,
        `${pairedRatio.toFixed(2)}x`,
      ]);
    }
  }
  for (const name of Object.keys(references)) {
    const own = samples.get(`${name}\u0000reference`)!;
    const rss = own.map((s) => s.rssMb);
    rows.push([name, 'reference', `${median(own.map((s) => s.ms)).toFixed(0)} ms`, `${median(rss).toFixed(0)} MB`, `${Math.max(...rss).toFixed(0)} MB`, '', '']);
  }
  const header = ['command', 'store', 'median wall', 'median RSS', 'max RSS', 'vs postgres', 'paired'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  for (const r of [header, ...rows]) process.stdout.write(`${r.map((c, i) => c.padEnd(widths[i]!)).join('  ')}\n`);
  process.stdout.write(
    `rounds: ${runs}, interleaved; vs postgres: ratio of the medians; paired: median of the per-round ratios\n` +
      'target: embedded <= 1.5x postgres; first use < 3000 ms and < 300 MB\n',
  );
} finally {
  await admin.exec(`drop schema if exists ${pgSchema} cascade`).catch(() => undefined);
  await admin.close();
  rmSync(work, { recursive: true, force: true });
}
