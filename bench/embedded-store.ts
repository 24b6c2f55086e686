/**
 * Bench: read commands (`repro verdicts list`, `repro canonical show`) on the embedded PGlite store —
 * first use in an empty folder (template cached) and warm — beside the same commands on PostgreSQL, whole
 * `repro` process each, same run. Prints median wall time, the ratio of medians and the median of the
 * per-round ratios, median CPU time (user + system: the cost of a command whatever else the machine runs)
 * and peak RSS (GNU time of the child), and the load average; asserts nothing about time.
 * Target (issue 15 item 9): embedded <= 1.5x PostgreSQL; first use < 3 s and < 300 MB.
 *
 * Fair by construction: PostgreSQL runs in a schema of its own (`repro_bench`, created and migrated here
 * with the package's migrations, dropped at the end); the warm embedded store and that schema hold the same
 * rows (one canonical run, 20 verdicts) and each command must print the same thing on both (checked).
 * The runs are interleaved: each round runs every (command, store) once, in an order that rotates from
 * round to round, so load from other work on the machine hits every store alike. For `verdicts list`
 * two more rows: the warm store with V8's WebAssembly tier-up left on (the CLI's dist/main.cjs run without
 * the bin's flags), and a first use on a machine without a template yet (a fresh cache: PGlite's initdb).
 * Two reference rows show what every command pays anyway: a bare `node` start and `repro --version`.
 *
 * Needs a built CLI (pnpm turbo run build --filter @repro/cli...). Run: pnpm tsx bench/embedded-store.ts [--runs N]
 * PostgreSQL: $REPRO_TEST_DATABASE_URL or postgres://postgres@127.0.0.1:5432/test.
 *
 * As printed on the dev machine (2 shared cores, other sessions' builds and tests running: see the load
 * average lines), two runs of `pnpm tsx bench/embedded-store.ts` on 2026-12-05:
 *
 *   command                    store                            median wall  vs postgres  paired  median CPU  CPU vs pg  median RSS  max RSS
 *   verdicts list              postgres                         615 ms       1.00x        1.00x   370 ms      1.00x      75 MB       75 MB
 *   verdicts list              embedded first use               2272 ms      3.70x        2.97x   1710 ms     4.62x      154 MB      160 MB
 *   verdicts list              embedded warm                    1478 ms      2.40x        2.16x   1000 ms     2.70x      148 MB      148 MB
 *   verdicts list              embedded warm, V8 tier-up on     2124 ms      3.46x        3.46x   1760 ms     4.76x      212 MB      220 MB
 *   verdicts list              embedded first use, no template  9991 ms      16.26x       14.72x  7600 ms     20.54x     552 MB      554 MB
 *   canonical show             postgres                         666 ms       1.00x        1.00x   320 ms      1.00x      71 MB       71 MB
 *   canonical show             embedded first use               2335 ms      3.51x        3.99x   1650 ms     5.16x      154 MB      154 MB
 *   canonical show             embedded warm                    1452 ms      2.18x        2.37x   1030 ms     3.22x      148 MB      148 MB
 *   node -e 0 (process start)  reference                        264 ms                            70 ms                  42 MB       42 MB
 *   repro --version            reference                        212 ms                            110 ms                 47 MB       47 MB
 *   rounds: 5, interleaved; vs postgres: ratio of the medians of wall time; paired: median of the per-round ratios; CPU: user + system
 *   load average at start 5.8 8.1 8.7, at end 6.9 7.5 8.4 on 2 CPUs
 *   target: embedded <= 1.5x postgres; first use < 3000 ms and < 300 MB
 *
 *   command                    store                            median wall  vs postgres  paired  median CPU  CPU vs pg  median RSS  max RSS
 *   verdicts list              postgres                         732 ms       1.00x        1.00x   390 ms      1.00x      75 MB       75 MB
 *   verdicts list              embedded first use               2442 ms      3.34x        3.77x   1500 ms     3.85x      154 MB      155 MB
 *   verdicts list              embedded warm                    1570 ms      2.14x        2.77x   1010 ms     2.59x      148 MB      149 MB
 *   verdicts list              embedded warm, V8 tier-up on     2808 ms      3.84x        4.07x   1690 ms     4.33x      219 MB      220 MB
 *   verdicts list              embedded first use, no template  10197 ms     13.93x       14.94x  6330 ms     16.23x     554 MB      558 MB
 *   canonical show             postgres                         852 ms       1.00x        1.00x   320 ms      1.00x      71 MB       71 MB
 *   canonical show             embedded first use               2197 ms      2.58x        3.67x   1420 ms     4.44x      153 MB      154 MB
 *   canonical show             embedded warm                    1832 ms      2.15x        2.15x   970 ms      3.03x      147 MB      148 MB
 *   node -e 0 (process start)  reference                        217 ms                            70 ms                  42 MB       42 MB
 *   repro --version            reference                        320 ms                            100 ms                 47 MB       47 MB
 *   rounds: 5, interleaved; vs postgres: ratio of the medians of wall time; paired: median of the per-round ratios; CPU: user + system
 *   load average at start 7.3 7.2 8.2, at end 12.9 9.7 8.9 on 2 CPUs
 *   target: embedded <= 1.5x postgres; first use < 3000 ms and < 300 MB
 *
 * Not reached: embedded warm <= 1.5x (2.1-2.4x wall, 2.2-2.8x paired, 2.6-3.2x CPU), and first use
 * without a template (10-12 s, 555 MB: PGlite's initdb, once per machine and PGlite version). Reached:
 * peak RSS < 300 MB (147-160 MB) and first use with the template cached < 3 s (2.2-2.4 s). Why, and what
 * would reach 1.5x: the package README, "Opening the embedded store fast".
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { openCanonicalStore, type StoreConnection } from '../packages/canonical-provenance/src/index.js';
import { openPostgresClient } from '../packages/canonical-provenance/src/sql/postgres-client.js';
import { assessObservation, observationSchema } from '../packages/verdict-core/src/index.js';

const cliDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'apps', 'cli');
const repro = join(cliDir, 'bin', 'repro.cjs');
/** The CLI without its bin's V8 flags (the bin only sets them and requires this). */
const reproMain = join(cliDir, 'dist', 'main.cjs');
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
  /** user + system CPU time of the process: what it costs, whatever else the machine is doing. */
  readonly cpuMs: number;
  readonly rssMb: number;
  readonly stdout: string;
}

/** One whole process under GNU time: wall ms, CPU ms, peak RSS MB, stdout. A failing command stops the bench. */
function measure(argv: string[], cwd: string, env: NodeJS.ProcessEnv): Sample {
  const t0 = performance.now();
  const child = spawnSync('/usr/bin/time', ['-f', '%M %U %S', process.execPath, ...argv], { cwd, env, encoding: 'utf8' });
  const ms = performance.now() - t0;
  if (child.status !== 0) throw new Error(`${argv.join(' ')} exited with ${child.status}:\n${child.stderr}`);
  const [rssKb, user, system] = child.stderr.trim().split('\n').at(-1)!.split(' ').map(Number) as [number, number, number];
  return { ms, cpuMs: (user + system) * 1000, rssMb: rssKb / 1024, stdout: child.stdout };
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

const loadAtStart = loadavg();
const work = mkdtempSync(join(tmpdir(), 'repro-bench-store-'));
const cacheHome = join(work, 'cache');
const warmDir = join(work, 'warm');
const env = { ...process.env, XDG_CACHE_HOME: cacheHome, DATABASE_URL: '', REPRO_DB_SCHEMA: '' };
const admin = await openPostgresClient({ url: pgUrl });
try {
  await admin.exec(`drop schema if exists ${pgSchema} cascade`);
  await seed({ kind: 'postgres', url: pgUrl }, pgSchema);
  await seed({ kind: 'pglite', dataDir: join(warmDir, '.repro', 'db'), templateCacheDir: join(cacheHome, 'repro', 'pglite-template') });

  type Mode = 'postgres' | 'embedded first use' | 'embedded warm' | 'embedded warm, V8 tier-up on' | 'embedded first use, no template';
  const modes: Mode[] = ['postgres', 'embedded first use', 'embedded warm'];
  // Two more, for the first command only (what they show does not depend on the command): the warm store
  // without the bin's V8 flags (dist/main.cjs run directly), and a first use on a machine with no template yet.
  const extraModes: Mode[] = ['embedded warm, V8 tier-up on', 'embedded first use, no template'];
  const modesOf = (index: number) => (index === 0 ? [...modes, ...extraModes] : modes);
  const jobs = Object.entries(commands).flatMap(([name, argv], index) => modesOf(index).map((mode) => ({ name, argv, mode })));
  const references = { 'node -e 0 (process start)': ['-e', '0'], 'repro --version': [repro, '--version'] };
  const samples = new Map<string, Sample[]>();
  const record = (key: string, sample: Sample) => samples.set(key, [...(samples.get(key) ?? []), sample]);
  const inFreshFolder = (run: (dir: string) => Sample): Sample => {
    const dir = mkdtempSync(join(work, 'fresh-'));
    try {
      return run(dir);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  const runJob = (job: (typeof jobs)[number]): Sample => {
    switch (job.mode) {
      case 'postgres':
        return measure([repro, ...job.argv, '--db', pgUrl, '--db-schema', pgSchema], work, env);
      case 'embedded warm':
        return measure([repro, ...job.argv], warmDir, env);
      case 'embedded warm, V8 tier-up on':
        return measure([reproMain, ...job.argv], warmDir, env);
      case 'embedded first use':
        return inFreshFolder((dir) => measure([repro, ...job.argv], dir, env));
      case 'embedded first use, no template':
        return inFreshFolder((dir) => measure([repro, ...job.argv], dir, { ...env, XDG_CACHE_HOME: join(dir, 'cache') }));
    }
  };

  // Warm-up round (not recorded): Node's compile cache, the page cache, and the equality check.
  for (const [name, argv] of Object.entries(commands)) {
    const onPostgres = runJob({ name, argv, mode: 'postgres' }).stdout;
    for (const mode of ['embedded warm', 'embedded warm, V8 tier-up on'] as const) {
      const embedded = runJob({ name, argv, mode }).stdout;
      if (onPostgres !== embedded) throw new Error(`${name} prints different things on PostgreSQL and ${mode}:\n${onPostgres}\n---\n${embedded}`);
    }
  }
  for (let round = 0; round < runs; round += 1) {
    const rotated = [...jobs.slice(round % jobs.length), ...jobs.slice(0, round % jobs.length)];
    for (const job of rotated) record(`${job.name}\u0000${job.mode}`, runJob(job));
    for (const [name, argv] of Object.entries(references)) record(`${name}\u0000reference`, measure(argv, work, env));
  }

  const rows: string[][] = [];
  for (const name of Object.keys(commands)) {
    const pg = samples.get(`${name}\u0000postgres`)!;
    for (const mode of [...modes, ...extraModes]) {
      const own = samples.get(`${name}\u0000${mode}`);
      if (own === undefined) continue;
      const ratioOfMedians = median(own.map((s) => s.ms)) / median(pg.map((s) => s.ms));
      const pairedRatio = median(own.map((s, i) => s.ms / pg[i]!.ms));
      const cpuRatio = median(own.map((s) => s.cpuMs)) / median(pg.map((s) => s.cpuMs));
      rows.push([
        name,
        mode,
        `${median(own.map((s) => s.ms)).toFixed(0)} ms`,
        `${ratioOfMedians.toFixed(2)}x`,
        `${pairedRatio.toFixed(2)}x`,
        `${median(own.map((s) => s.cpuMs)).toFixed(0)} ms`,
        `${cpuRatio.toFixed(2)}x`,
        `${median(own.map((s) => s.rssMb)).toFixed(0)} MB`,
        `${Math.max(...own.map((s) => s.rssMb)).toFixed(0)} MB`,
      ]);
    }
  }
  for (const name of Object.keys(references)) {
    const own = samples.get(`${name}\u0000reference`)!;
    const rss = own.map((s) => s.rssMb);
    const ms = (values: number[]) => `${median(values).toFixed(0)} ms`;
    rows.push([name, 'reference', ms(own.map((s) => s.ms)), '', '', ms(own.map((s) => s.cpuMs)), '', `${median(rss).toFixed(0)} MB`, `${Math.max(...rss).toFixed(0)} MB`]);
  }
  const header = ['command', 'store', 'median wall', 'vs postgres', 'paired', 'median CPU', 'CPU vs pg', 'median RSS', 'max RSS'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  for (const r of [header, ...rows]) process.stdout.write(`${r.map((c, i) => c.padEnd(widths[i]!)).join('  ')}\n`);
  const load = (values: number[]) => values.map((v) => v.toFixed(1)).join(' ');
  process.stdout.write(
    `rounds: ${runs}, interleaved; vs postgres: ratio of the medians of wall time; paired: median of the per-round ratios; CPU: user + system\n` +
      `load average at start ${load(loadAtStart)}, at end ${load(loadavg())} on ${cpus().length} CPUs\n` +
      'target: embedded <= 1.5x postgres; first use < 3000 ms and < 300 MB\n',
  );
} finally {
  await admin.exec(`drop schema if exists ${pgSchema} cascade`).catch(() => undefined);
  await admin.close();
  rmSync(work, { recursive: true, force: true });
}
