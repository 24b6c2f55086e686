import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { encodeNpz, npyArray } from '@repro/s43-transport';
import { createTestSchema, needPostgres, type TestPostgres } from '@repro/test-services';
import { assessObservation, observationSchema } from '@repro/verdict-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProgram } from '../src/program.js';
import { type CliRun, runRepro } from './run-cli-in-process.js';
import { stubCommandContext } from './stub-command-context.js';

/**
 * The one CLI contract (apps/cli/README.md, "The CLI contract"), over every command, success and failure,
 * with and without --json:
 * - with --json, stdout holds exactly one JSON document; a failure is {"error": {code, message, …}};
 * - without --json, a failure is one line on stderr starting `repro:`, and stdout is empty.
 */

const CELL = fileURLToPath(new URL('../../worker/test/fixtures/train-cell.cjs', import.meta.url));
const MACHINE = fileURLToPath(new URL('../../../packages/sf-topology/test/fixtures/saturday-pipeline.asl.json', import.meta.url));
const postgres = await needPostgres();

interface Row {
  /** `group command`, as in `repro group command --help`. */
  readonly command: string;
  readonly success: readonly string[];
  /** The exit code of the success case (a result such as a verdict may have its own). */
  readonly successCode?: number;
  readonly failure: readonly string[];
  readonly failureCode: number;
  /** The failure's error code in the JSON document. */
  readonly errorCode: string;
  readonly needsQueue?: boolean;
}

const home = mkdtempSync(join(tmpdir(), 'repro-contract-'));
const file = (name: string, content: string | Uint8Array) => {
  const path = join(home, name);
  writeFileSync(path, content);
  return path;
};
const TEN = Array.from({ length: 10 }, (_, i) => String(0.61 + i * 1e-3)).join(',');
const KEY = ['--cell', 'c/1', '--metric', 'f1_buy'];
const observation = file(
  'observation.json',
  JSON.stringify({
    cell: 'c/1',
    metric: 'f1_buy',
    eps_num: 1e-9,
    replay_a: { value: 0.61, fingerprint: { build_sha: 'b', instance_type: 't', os: 'linux', lib_versions: { numpy: '1' } } },
    replay_b: { value: 0.61 },
    canonical: { run_id: 'r1', value: 0.61, provenance: { build_sha: 'b', instance_type: 't', os: 'linux', lib_versions: { numpy: '1' } } },
    eps_prod: { value: 0.002, image_sha: 'img' },
  }),
);
const verdict = file('verdict.json', JSON.stringify(assessObservation(observationSchema.parse(JSON.parse(readFileSync(observation, 'utf8'))), { decidedAt: '2026-12-01T00:00:00Z' }).verdict));
const provenance = file('prov.json', JSON.stringify({ os: 'linux', lib_versions: { numpy: '1' } }));
const rank = file('rank0.jsonl', `${JSON.stringify({ step: 1, metrics: { loss: 0.5 } })}\n`);
const badRank = file('bad-rank.jsonl', '{"step": 1, "metrics": \n');
const notJson = file('not.json', '{');
const task = (next: string) => ({ Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Next: next });
const chain = file('chain.asl.json', JSON.stringify({ StartAt: 'A1', States: { A1: task('B1'), B1: task('Done'), Done: { Type: 'Succeed' } } }));
const npz = file('preds.npz', await encodeNpz({ preds: npyArray(Float32Array.of(1, 2), [2]) }));
const down = 'postgres://repro@127.0.0.1:1/none';
const train = ['--', process.execPath, CELL, '--value', '0.61'];

/** Every command: one success and one failure. Rows run in order on one embedded store and one object store. */
const ROWS: readonly Row[] = [
  { command: 'db migrate', success: ['db', 'migrate'], failure: ['db', 'migrate', '--db', down], failureCode: 3, errorCode: 'store_unavailable' },
  { command: 'db status', success: ['db', 'status'], failure: ['db', 'status', '--db', down], failureCode: 3, errorCode: 'store_unavailable' },
  {
    command: 'db inspect',
    success: ['db', 'inspect', '--table', 'repro.canonical_runs', '--map', 'run_id=run_id,cell=cell,value=value'],
    failure: ['db', 'inspect', '--table', 't', '--map', 'nonsense'],
    failureCode: 2,
    errorCode: 'invalid_flag',
  },
  {
    command: 'canonical record',
    success: ['canonical', 'record', ...KEY, '--run-id', 'r1', '--value', '0.61', '--build-sha', 'abc123', '--instance-type', 'test-box', '--provenance-file', provenance, '--promote'],
    failure: ['canonical', 'record', ...KEY, '--run-id', 'r2', '--value', '0x10'],
    failureCode: 2,
    errorCode: 'invalid_flag',
  },
  { command: 'canonical show', success: ['canonical', 'show', ...KEY], failure: ['canonical', 'show', ...KEY, '--table', 't'], failureCode: 2, errorCode: 'invalid_flag' },
  { command: 'canonical promote', success: ['canonical', 'promote', '--run-id', 'r1'], failure: ['canonical', 'promote', '--run-id', 'nope'], failureCode: 2, errorCode: 'run_not_found' },
  { command: 'canonical history', success: ['canonical', 'history', ...KEY], failure: ['canonical', 'history', ...KEY, '--db', down], failureCode: 3, errorCode: 'store_unavailable' },
  { command: 'envelope compute', success: ['envelope', 'compute', '--values', TEN], failure: ['envelope', 'compute', '--values', `${TEN},0b11`], failureCode: 2, errorCode: 'invalid_flag' },
  {
    command: 'envelope k-factor',
    success: ['envelope', 'k-factor', '--n', '10', '--coverage', '0.9', '--confidence', '0.95'],
    failure: ['envelope', 'k-factor', '--n', '1e18', '--coverage', '0.9', '--confidence', '0.95'],
    failureCode: 2,
    errorCode: 'invalid_flag',
  },
  {
    command: 'envelope put',
    success: ['envelope', 'put', '--image-sha', 'img', ...KEY, '--values', TEN],
    failure: ['envelope', 'put', '--image-sha', 'img', ...KEY, '--values', TEN, '--coverage', '1.5'],
    failureCode: 2,
    errorCode: 'invalid_flag',
  },
  { command: 'envelope show', success: ['envelope', 'show', '--image-sha', 'img', ...KEY], failure: ['envelope', 'show', '--image-sha', 'img', ...KEY, '--db', down], failureCode: 3, errorCode: 'store_unavailable' },
  {
    command: 'envelope measure',
    success: ['envelope', 'measure', '--image-sha', 'img2', ...KEY, '-n', '2', ...train],
    failure: ['envelope', 'measure', '--image-sha', 'img2', ...KEY, '--coverage', '2', ...train],
    failureCode: 2,
    errorCode: 'invalid_flag',
  },
  { command: 'verdict decide', success: ['verdict', 'decide', '--input', observation], failure: ['verdict', 'decide', '--input', join(home, 'missing.json')], failureCode: 2, errorCode: 'unreadable' },
  {
    command: 'verdict run',
    success: ['verdict', 'run', ...KEY, '--image-sha', 'img', '--parity-dims', 'build_sha', ...train],
    failure: ['verdict', 'run', ...KEY, '--eps-num', '0x10', ...train],
    failureCode: 2,
    errorCode: 'invalid_flag',
  },
  {
    command: 'verdict localize',
    success: ['verdict', 'localize', ...KEY, '--image-sha', 'img', '--parity-dims', 'build_sha', '--factors', 'hash_seed', '--replays-per-factor', '1', ...train],
    failure: ['verdict', 'localize', ...KEY, '--replays-per-factor', '0', ...train],
    failureCode: 2,
    errorCode: 'invalid_flag',
  },
  {
    command: 'report',
    success: ['report', '--verdict', verdict, '--out', join(home, 'report.html')],
    failure: ['report', '--verdict', verdict, '--cell', 'c/1', '--out', join(home, 'report.html')],
    failureCode: 2,
    errorCode: 'invalid_flag',
  },
  { command: 'verdicts list', success: ['verdicts', 'list'], failure: ['verdicts', 'list', '--limit', '0'], failureCode: 2, errorCode: 'invalid_flag' },
  { command: 'npz inspect', success: ['npz', 'inspect', npz], failure: ['npz', 'inspect', join(home, 'missing.npz')], failureCode: 2, errorCode: 'unreadable_file' },
  { command: 'npz convert', success: ['npz', 'convert', npz, join(home, 'copy.npz')], failure: ['npz', 'convert', npz, join(home, 'copy.npz'), '--max-bytes', '1e3'], failureCode: 2, errorCode: 'invalid_flag' },
  {
    command: 'transport persist',
    success: ['transport', 'persist', npz, '--run', 'run1', '--pod', 'p0'],
    failure: ['transport', 'persist', npz, '--run', 'run1', '--pod', 'a/b'],
    failureCode: 2,
    errorCode: 'invalid_id',
  },
  { command: 'transport acquire', success: ['transport', 'acquire', '--run', 'run1'], failure: ['transport', 'acquire', '--run', '../x'], failureCode: 2, errorCode: 'invalid_id' },
  { command: 'transport ls', success: ['transport', 'ls', '--run', 'run1'], failure: ['transport', 'ls', '--run', 'run1', '--store', 'ftp://x'], failureCode: 2, errorCode: 'invalid_store' },
  { command: 'transport gate', success: ['transport', 'gate', '--run', 'run1', '--expected', '1'], failure: ['transport', 'gate', '--run', 'run1', '--expected', 'x'], failureCode: 2, errorCode: 'invalid_flag' },
  { command: 'transport lifecycle', success: ['transport', 'lifecycle', '--print'], failure: ['transport', 'lifecycle'], failureCode: 2, errorCode: 'invalid_flag' },
  { command: 'sf lint', success: ['sf', 'lint', MACHINE], failure: ['sf', 'lint', notJson], failureCode: 2, errorCode: 'not_json' },
  {
    command: 'sf parallelize',
    success: ['sf', 'parallelize', chain, '--chain', 'A1,B1', '--branch', 'A=A1', '--branch', 'B=B1', '--out', join(home, 'par.json')],
    failure: ['sf', 'parallelize', MACHINE, '--chain', 'Research', '--branch', 'Research'],
    failureCode: 2,
    errorCode: 'invalid_flag',
  },
  { command: 'sf render', success: ['sf', 'render', MACHINE], failure: ['sf', 'render', MACHINE, '--format', 'svg'], failureCode: 2, errorCode: 'invalid_flag' },
  { command: 'sf explain', success: ['sf', 'explain', MACHINE, '--fail', 'Research'], failure: ['sf', 'explain', MACHINE, '--fail', 'Nope'], failureCode: 2, errorCode: expect.any(String) as unknown as string },
  { command: 'metrics reduce', success: ['metrics', 'reduce', rank], failure: ['metrics', 'reduce', badRank], failureCode: 2, errorCode: 'malformed_input' },
  { command: 'demo', success: ['demo'], failure: ['demo', '--no-such-flag'], failureCode: 2, errorCode: 'unknown_option' },
  {
    command: 'submit verdict',
    success: ['submit', 'verdict', ...KEY, '--profile', 'trivial'],
    failure: ['submit', 'verdict', ...KEY, '--profile', 'trivial', '--eps-num', 'Infinity'],
    failureCode: 2,
    errorCode: 'invalid_flag',
    needsQueue: true,
  },
  {
    command: 'submit envelope',
    success: ['submit', 'envelope', ...KEY, '--profile', 'trivial', '--image-sha', 'img'],
    failure: ['submit', 'envelope', ...KEY, '--profile', 'trivial', '--image-sha', 'img', '-n', '2,99'],
    failureCode: 2,
    errorCode: 'invalid_flag',
    needsQueue: true,
  },
  { command: 'submit gate', success: ['submit', 'gate', '--run', 'run1', '--expected', '1'], failure: ['submit', 'gate', '--run', 'run1', '--expected', '0x1'], failureCode: 2, errorCode: 'invalid_flag', needsQueue: true },
  { command: 'jobs list', success: ['jobs', 'list'], failure: ['jobs', 'list', '--limit', '1001'], failureCode: 2, errorCode: 'invalid_flag', needsQueue: true },
  { command: 'jobs show', success: ['jobs', 'show', 'JOB'], failure: ['jobs', 'show', 'not-a-uuid'], failureCode: 2, errorCode: 'invalid_job_id', needsQueue: true },
  { command: 'jobs wait', success: ['jobs', 'wait', 'JOB', '--timeout', '60'], successCode: 12, failure: ['jobs', 'wait', 'JOB', '--timeout', '-1'], failureCode: 2, errorCode: 'invalid_flag', needsQueue: true },
];

/** Every leaf command of the program, so a command added without a row fails this test. */
function everyCommand(): string[] {
  const ctx = stubCommandContext({}, home);
  return createProgram(ctx).commands.flatMap((group) => (group.commands.length === 0 ? [group.name()] : group.commands.map((c) => `${group.name()} ${c.name()}`)));
}

function expectOneJsonDocument(run: CliRun): unknown {
  expect(run.stdout.trim(), `stdout of exit ${run.code}; stderr: ${run.stderr}`).not.toBe('');
  return JSON.parse(run.stdout);
}

function expectJsonFailure(run: CliRun, row: Row): void {
  expect(run.code, run.stderr).toBe(row.failureCode);
  const document = expectOneJsonDocument(run) as { error: Record<string, unknown> };
  expect(Object.keys(document)).toEqual(['error']);
  expect(document.error).toMatchObject({ code: row.errorCode, message: expect.any(String) });
  expect(typeof document.error.code).toBe('string');
}

function expectHumanFailure(run: CliRun, row: Row): void {
  expect(run.code, run.stderr).toBe(row.failureCode);
  expect(run.stdout).toBe('');
  const lines = run.stderr.split('\n').filter((line) => line !== '' && !line.startsWith('repro: warning:'));
  expect(lines, run.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^repro: \S/);
}

describe('the CLI contract, every command', () => {
  const env: Record<string, string | undefined> = { PATH: process.env.PATH, HOME: process.env.HOME, REPRO_HOME: join(home, '.repro') };
  const repro = (argv: readonly string[], extra: Record<string, string> = {}) => runRepro(argv, { env: { ...env, ...extra }, cwd: home });
  let queue: TestPostgres | undefined;
  let worker: ChildProcess | undefined;
  let jobId = '';

  beforeAll(async () => {
    if (postgres === null) return;
    queue = await createTestSchema('contract');
    env.DATABASE_URL = queue.url;
    env.REPRO_QUEUE_SCHEMA = queue.schema;
    worker = await startWorker(queue);
  }, 120_000);

  afterAll(async () => {
    if (worker && worker.exitCode === null) {
      worker.kill('SIGTERM');
      await new Promise((r) => worker!.once('exit', r));
    }
    await queue?.drop();
  });

  it('the table has a row for every command', () => {
    expect(ROWS.map((r) => r.command).sort()).toEqual(everyCommand().sort());
  });

  for (const row of ROWS) {
    describe.skipIf(row.needsQueue === true && postgres === null)(`repro ${row.command}`, () => {
      const argv = (args: readonly string[]) => args.map((a) => (a === 'JOB' ? jobId : a));
      const split = (args: readonly string[]) => {
        const end = args.indexOf('--');
        return end === -1 ? { own: args, command: [] } : { own: args.slice(0, end), command: args.slice(end) };
      };
      const withJson = (args: readonly string[]) => {
        const { own, command } = split(argv(args));
        return [...own, '--json', ...command];
      };

      it('success with --json: exactly one JSON document on stdout', async () => {
        const run = await repro(withJson(row.success));
        expect(run.code, run.stderr).toBe(row.successCode ?? 0);
        const document = expectOneJsonDocument(run);
        if (row.command === 'submit verdict') jobId = (document as { job_id: string }).job_id;
      }, 240_000);

      it('success without --json: its exit code, no error line', async () => {
        const run = await repro(argv(row.success));
        expect(run.code, run.stderr).toBe(row.successCode ?? 0);
        expect(run.stderr).not.toMatch(/^repro: (?!warning:)/m);
      }, 240_000);

      it(`failure with --json: exit ${row.failureCode} and {"error": {code, message, …}} as the one document`, async () => {
        expectJsonFailure(await repro(withJson(row.failure)), row);
      }, 60_000);

      it(`failure without --json: exit ${row.failureCode} and one line on stderr starting "repro:"`, async () => {
        expectHumanFailure(await repro(argv(row.failure)), row);
      }, 60_000);
    });
  }
});

describe('usage errors and missing commands', () => {
  it.each([
    [['verdict', 'decide', '--no-such-flag', '--json'], 'unknown_option'],
    [['envelope', 'compute', '--json'], 'missing_mandatory_option_value'],
    [['sf', 'lint', '--json'], 'missing_argument'],
    [['nope', '--json'], 'unknown_command'],
  ])('commander errors are the contract too: %j → %s', async (args, code) => {
    const json = await runRepro(args);
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stdout)).toEqual({ error: { code, message: expect.stringMatching(/\(run with --help for usage\)$/), usage: true } });
    const human = await runRepro(args.filter((a) => a !== '--json'));
    expect(human.code).toBe(2);
    expect(human.stdout).toBe('');
    expect(human.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^repro: /)]);
  });

  it.each([[[]], [['verdict']], [['envelope']], [['jobs']]])('%j without a subcommand prints help on stderr and exits 2', async (args) => {
    const run = await runRepro(args);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('Usage: repro');
    expect(run.stderr.trimEnd().split('\n').at(-1)).toMatch(/^repro: a command is required/);
  });

  it('--help and --version print on stdout and exit 0', async () => {
    const help = await runRepro(['verdict', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: repro verdict');
    const version = await runRepro(['--version']);
    expect(version.code).toBe(0);
    const manifest = createRequire(import.meta.url)('../package.json') as { version: string };
    expect(version.stdout).toBe(`${manifest.version}\n`);
  });
});

/** A repro-worker process against `queue`, with a profile `trivial` that runs the tiny Node cell. */
async function startWorker(queue: TestPostgres): Promise<ChildProcess> {
  // the worker app of this monorepo (the CLI does not depend on it: its bin is run from the checkout)
  const workerDir = fileURLToPath(new URL('../../worker/', import.meta.url));
  const config = file(
    'worker.json',
    JSON.stringify({
      profiles: { trivial: { command: [process.execPath, CELL], timeout_s: 30 } },
      store: `file://${join(home, 'worker-store')}`,
      queue: { poll_interval_ms: 100, lease_s: 10, maintenance_interval_s: 1 },
    }),
  );
  const child = spawn(process.execPath, [join(workerDir, 'bin/repro-worker.js'), '--config', config, '--port', '0', '--host', '127.0.0.1'], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DATABASE_URL: queue.url, REPRO_QUEUE_SCHEMA: queue.schema, REPRO_DB_SCHEMA: `${queue.schema}_store` },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout!.on('data', (d: Buffer) => {
    log += d.toString();
  });
  child.stderr!.on('data', (d: Buffer) => {
    log += d.toString();
  });
  const started = Date.now();
  while (!log.includes('"worker_ready"')) {
    if (Date.now() - started > 60_000 || child.exitCode !== null) throw new Error(`repro-worker did not get ready:\n${log}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return child;
}
