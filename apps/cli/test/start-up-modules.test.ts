import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The built CLI (one CommonJS bundle, see tsup.config.ts) is what users start: run
// `pnpm turbo run build --filter @repro/cli...` first.
const BIN = fileURLToPath(new URL('../bin/repro.cjs', import.meta.url));
const DIST = fileURLToPath(new URL('../dist/main.cjs', import.meta.url));
const HOOK = fileURLToPath(new URL('./record-loaded-modules.mjs', import.meta.url));
const GROUPS = ['verdict', 'verdicts', 'envelope', 'canonical', 'db', 'npz', 'transport', 'sf', 'metrics', 'submit', 'jobs', 'demo', 'report'];

/** What `repro --help` must never load: the store (PGlite, pg), the AWS SDK, the job queue, zod, pino, and any @repro package. */
const HEAVY = [
  /\/node_modules\/@electric-sql\/pglite\//,
  /\/node_modules\/@aws-sdk\//,
  /\/node_modules\/@smithy\//,
  /\/node_modules\/pg\//,
  /\/node_modules\/pg-boss\//,
  /\/node_modules\/zod\//,
  /\/node_modules\/pino\//,
  /\/packages\/[^/]+\/dist\//,
  /\/apps\/worker\//,
];

function loadedModules(args: readonly string[]): { status: number | null; heavy: string[]; all: string[] } {
  const record = join(mkdtempSync(join(tmpdir(), 'repro-modules-')), 'loaded.txt');
  const run = spawnSync(process.execPath, ['--import', HOOK, BIN, ...args], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, REPRO_LOADED_MODULES_FILE: record },
    encoding: 'utf8',
  });
  const all = readFileSync(record, 'utf8').split('\n');
  return { status: run.status, heavy: all.filter((url) => HEAVY.some((pattern) => pattern.test(url))), all };
}

describe('start-up: commands are registered eagerly, their modules load lazily', () => {
  it('the CLI is built (pnpm turbo run build --filter @repro/cli...)', () => {
    expect(existsSync(DIST), `${DIST} is missing: build the CLI first`).toBe(true);
  });

  it.each([[['--version']], [['--help']], ...GROUPS.map((group) => [[group, '--help']])])('repro %j loads no heavy module', (args) => {
    const { status, heavy } = loadedModules(args);
    expect(status).toBe(0);
    expect(heavy).toEqual([]);
  });

  it('the recorder sees heavy modules when a command does load them (the check can fail)', () => {
    const { status, heavy } = loadedModules(['envelope', 'compute', '--values', '1,2,3,4,5,6,7,8,9,10', '--json']);
    expect(status).toBe(0);
    expect(heavy.some((url) => /\/node_modules\/zod\//.test(url))).toBe(true);
    expect(heavy.some((url) => /\/packages\/verdict-core\/dist\//.test(url))).toBe(true);
  });

  it('the bundle loads packages with require only: no dynamic import() that would bring a second, ESM copy of a package', () => {
    const bundle = readFileSync(DIST, 'utf8');
    expect(bundle.match(/\bimport\(\s*["'`][^"'`]*["'`]\s*\)/g) ?? []).toEqual([]);
    // and the packages a command loads on use are there, as deferred requires
    expect(bundle).toContain('require("@repro/canonical-provenance")');
  });

  it('the bundle never enters the ES module loader for `repro --help`: commander is bundled, child_process loads on use', () => {
    const { status, all } = loadedModules(['--help']);
    expect(status).toBe(0);
    expect(all.filter((url) => url.endsWith('.mjs') || /\/commander\//.test(url) || url === 'node:child_process')).toEqual([]);
  });

  it('repro --version prints the version of the package manifest', () => {
    const run = spawnSync(process.execPath, [BIN, '--version'], { encoding: 'utf8' });
    const manifest = createRequire(import.meta.url)('../package.json') as { version: string };
    expect(run.stdout).toBe(`${manifest.version}\n`);
  });
});
