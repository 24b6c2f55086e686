/**
 * Bench: a read command (`repro verdicts list`, `repro canonical show`) on the embedded PGlite store
 * (first use in an empty folder, and warm) beside the same command against PostgreSQL, whole `repro`
 * process, same run. Prints median wall time and peak RSS (GNU time %M of the
 * child) and the ratios; asserts nothing. Target (issue 15 item 9): embedded <= 1.5x PostgreSQL; first use < 3 s, < 300 MB.
 *
 * Needs a built CLI (pnpm turbo run build --filter @repro/cli...). Run: pnpm tsx bench/embedded-store.ts [--runs N]
 * PostgreSQL: $REPRO_TEST_DATABASE_URL or postgres://postgres@127.0.0.1:5432/test.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const repro = join(dirname(fileURLToPath(import.meta.url)), '..', 'apps', 'cli', 'bin', 'repro.js');
const args = process.argv.slice(2);
const runs = Number(args[args.indexOf('--runs') + 1] ?? 5) || 5;
const pgUrl = process.env.REPRO_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const commands: Record<string, string[]> = {
  'verdicts list': ['verdicts', 'list'],
  'canonical show': ['canonical', 'show', '--cell', 'bench/cell', '--metric', 'f1'],
};

/** One whole `repro` process: wall ms and peak RSS MB (GNU time %M). */
function measure(argv: string[], cwd: string, env: NodeJS.ProcessEnv): { ms: number; rssMb: number } {
  const t0 = performance.now();
  const child = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, repro, ...argv], { cwd, env, encoding: 'utf8' });
  const ms = performance.now() - t0;
  const rssKb = Number(child.stderr.trim().split('\n').pop());
  return { ms, rssMb: rssKb / 1024 };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const cache = mkdtempSync(join(tmpdir(), 'repro-bench-cache-'));
const env = { ...process.env, XDG_CACHE_HOME: cache, DATABASE_URL: '' };
const rows: string[][] = [];
for (const [name, argv] of Object.entries(commands)) {
  const sample = (mode: 'first' | 'warm' | 'postgres') => {
    const ms: number[] = [];
    const rss: number[] = [];
    const warmDir = mkdtempSync(join(tmpdir(), 'repro-bench-warm-'));
    measure(argv, warmDir, env);
    for (let i = 0; i < runs; i += 1) {
      const dir = mode === 'first' ? mkdtempSync(join(tmpdir(), 'repro-bench-first-')) : warmDir;
      const r = measure(mode === 'postgres' ? [...argv, '--db', pgUrl] : argv, dir, env);
      ms.push(r.ms);
      rss.push(r.rssMb);
      if (mode === 'first') rmSync(dir, { recursive: true, force: true });
    }
    rmSync(warmDir, { recursive: true, force: true });
    return { ms: median(ms), rss: median(rss) };
  };
  const pg = sample('postgres');
  const first = sample('first');
  const warm = sample('warm');
  const fmt = (r: { ms: number; rss: number }) => [`${r.ms.toFixed(0)} ms`, `${r.rss.toFixed(0)} MB`, `${(r.ms / pg.ms).toFixed(2)}x`];
  rows.push([name, 'postgres', ...fmt(pg)], [name, 'embedded first use (template cached)', ...fmt(first)], [name, 'embedded warm', ...fmt(warm)]);
}
rmSync(cache, { recursive: true, force: true });
const header = ['command', 'store', 'median wall', 'peak RSS', 'vs postgres'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
for (const r of [header, ...rows]) process.stdout.write(`${r.map((c, i) => c.padEnd(widths[i]!)).join('  ')}\n`);
process.stdout.write(`runs per cell: ${runs}; target: embedded <= 1.5x postgres, first use < 3000 ms and < 300 MB\n`);
