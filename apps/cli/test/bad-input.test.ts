import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runRepro } from './run-cli-in-process.js';
import { scratchDir } from './scratch-dir.js';

/**
 * Issue 17, one table: every bad input found by the hostile-input campaign ends in exit 2 and one line on
 * stderr that starts `repro:` and names what is wrong (the flag, file or variable), with no raw control
 * character, before anything was done: the embedded store stays empty and no replay ran.
 */

const scratch = scratchDir('repro-bad-input');
const home = join(scratch.dir, 'home');
mkdirSync(home);
const ESC = '\u001b';
const TEN = Array.from({ length: 10 }, (_, i) => String(0.61 + i * 1e-3)).join(',');
const KEY = ['--cell', 'c/1', '--metric', 'm'];
/** A training command that leaves a marker when it runs: none of the cases may get that far. */
const marker = join(scratch.dir, 'a-replay-ran');
const train = ['--', process.execPath, '-e', `require('node:fs').writeFileSync(${JSON.stringify(marker)}, '')`];
const aDirectory = join(scratch.dir, 'a-directory');
mkdirSync(aDirectory);
const aFile = scratch.file('a-file', 'not a folder');
const nulProvenance = scratch.file('nul-provenance.json', { os: 'linux\u0000', build_sha: 'abc' });
const task = (next: string) => ({ Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Next: next });
const chain = scratch.file('chain.asl.json', { StartAt: 'A1', States: { A1: task('B1'), B1: task('Done'), Done: { Type: 'Succeed' } } });
/** An ASL document nested 2,000 Parallel states deep (as text: JSON.stringify itself would overflow). */
function deepMachine(depth: number): string {
  let machine = '{"StartAt":"Leaf","States":{"Leaf":{"Type":"Succeed"}}}';
  for (let i = 0; i < depth; i += 1) machine = `{"StartAt":"P","States":{"P":{"Type":"Parallel","Branches":[${machine}],"End":true}}}`;
  return machine;
}
const deep = scratch.file('deep.asl.json', deepMachine(2_000));
const queueEnv = (url: string, schema = 'repro_queue') => ({ DATABASE_URL: url, REPRO_QUEUE_SCHEMA: schema });
const LOCAL_PG = 'postgres://postgres@127.0.0.1:5432/test';

interface Case {
  /** What the campaign found (issue 17's item). */
  readonly found: string;
  readonly argv: readonly string[];
  /** A text the one line must contain: the flag, file or variable it names. */
  readonly names: string;
  readonly env?: Record<string, string>;
}

const CASES: readonly Case[] = [
  // 4. numbers: one strict grammar, numerics that refuse what they cannot compute exactly
  { found: '4: hex --value stored as 16', argv: ['canonical', 'record', ...KEY, '--run-id', 'r1', '--value', '0x10'], names: '--value' },
  { found: '4: binary in --values read as 3', argv: ['envelope', 'compute', '--values', `${TEN},0b11`], names: '--values' },
  { found: '4: 1e-400 underflows to 0', argv: ['canonical', 'record', ...KEY, '--run-id', 'r1', '--value', '1e-400'], names: '--value' },
  { found: '4: k-factor for n = 1e18', argv: ['envelope', 'k-factor', '--n', '1e18', '--coverage', '0.9', '--confidence', '0.95'], names: '--n' },
  { found: '4: k-factor for n = 1e300', argv: ['envelope', 'k-factor', '--n', '1e300', '--coverage', '0.9', '--confidence', '0.95'], names: '--n' },
  { found: '4: Infinity as eps_num', argv: ['verdict', 'run', ...KEY, '--eps-num', 'Infinity', ...train], names: '--eps-num' },
  // 5. checked before anything is done
  { found: '5: --out a directory, found after the replays', argv: ['verdict', 'run', ...KEY, '--out', aDirectory, ...train], names: '--out' },
  { found: '5: --timeout 1e20 named an internal field', argv: ['verdict', 'run', ...KEY, '--timeout', '1e20', ...train], names: '--timeout' },
  { found: '5: --hash-seed 4294967296 named pin.hashSeed', argv: ['verdict', 'run', ...KEY, '--hash-seed', '4294967296', ...train], names: '--hash-seed' },
  { found: '5: a 480-character cell saved a verdict, then failed', argv: ['verdict', 'run', '--cell', 'x'.repeat(480), '--metric', 'm', ...train], names: '--cell' },
  { found: '5: ../../x as a cell', argv: ['verdict', 'run', '--cell', '../../x', '--metric', 'm', ...train], names: '--cell' },
  { found: '5: /abs as a cell', argv: ['envelope', 'put', '--image-sha', 'i', '--cell', '/abs', '--metric', 'm', '--values', TEN], names: '--cell' },
  { found: '5: a/./b as a cell', argv: ['canonical', 'record', '--cell', 'a/./b', '--metric', 'm', '--run-id', 'r1', '--value', '1'], names: '--cell' },
  // 6. exit 1 or a stack trace for bad input
  { found: '6: NUL in a provenance file', argv: ['canonical', 'record', ...KEY, '--run-id', 'r1', '--value', '1', '--provenance-file', nulProvenance], names: 'nul-provenance.json' },
  { found: '6: --store file:///a-file', argv: ['transport', 'ls', '--run', 'r1', '--store', `file://${aFile}`], names: '--store' },
  { found: '6: ASL nested 2,000 levels (lint)', argv: ['sf', 'lint', deep], names: 'deep.asl.json' },
  { found: '6: ASL nested 2,000 levels (render)', argv: ['sf', 'render', deep], names: 'deep.asl.json' },
  { found: '6: ASL nested 2,000 levels (explain)', argv: ['sf', 'explain', deep, '--fail', 'Leaf'], names: 'deep.asl.json' },
  { found: '6: sf parallelize with an unknown chain state', argv: ['sf', 'parallelize', chain, '--chain', 'A1,Nope', '--branch', 'A=A1', '--branch', 'B=Nope'], names: 'Nope' },
  { found: '6: a bad REPRO_QUEUE_SCHEMA', argv: ['jobs', 'list'], env: queueEnv(LOCAL_PG, 'bad schema;'), names: 'REPRO_QUEUE_SCHEMA' },
  // 7. queue URL handling
  { found: '7: DATABASE_URL=garbage looked up a host "base"', argv: ['jobs', 'list'], env: queueEnv('garbage'), names: 'DATABASE_URL' },
  { found: '7: an http:// URL accepted', argv: ['jobs', 'list'], env: queueEnv('http://127.0.0.1:5432/test'), names: 'DATABASE_URL' },
  { found: '7: port 99999', argv: ['jobs', 'list'], env: queueEnv('postgres://127.0.0.1:99999/test'), names: 'DATABASE_URL' },
  // 8. terminal and file-name hygiene
  { found: '8: an ANSI escape in a cell (canonical record)', argv: ['canonical', 'record', '--cell', `a${ESC}[2Jb`, '--metric', 'm', '--run-id', 'r1', '--value', '1'], names: '--cell' },
  { found: '8: an ANSI escape in a cell (envelope put)', argv: ['envelope', 'put', '--image-sha', 'i', '--cell', `a${ESC}[2J`, '--metric', 'm', '--values', TEN], names: '--cell' },
  { found: '8: an ANSI escape in a metric (verdict run)', argv: ['verdict', 'run', '--cell', 'c', '--metric', `m${ESC}]0;x\u0007`, ...train], names: '--metric' },
  { found: '8: a bidirectional override in an image SHA', argv: ['envelope', 'show', '--image-sha', 'sha\u202eevil', ...KEY], names: '--image-sha' },
  { found: '8: a control character in a canonical run id', argv: ['canonical', 'promote', '--run-id', `r${ESC}[31m`], names: '--run-id' },
  { found: '8: a whitespace-only cell', argv: ['canonical', 'record', '--cell', '   ', '--metric', 'm', '--run-id', 'r1', '--value', '1'], names: '--cell' },
  { found: '8: a 100,000-character metric', argv: ['canonical', 'show', '--cell', 'c', '--metric', 'm'.repeat(100_000)], names: '--metric' },
  { found: '8: a control character in a run (transport)', argv: ['transport', 'persist', aFile, '--run', `r${ESC}`, '--pod', 'p0'], names: 'run_id' },
  { found: '8: a control character in a verdicts filter', argv: ['verdicts', 'list', '--cell', `c${ESC}[2J`], names: '--cell' },
];

describe('bad input, every case the hostile-input campaign found: exit 2 and one line naming it, nothing done', () => {
  const env = { PATH: process.env.PATH, HOME: process.env.HOME, REPRO_HOME: join(home, '.repro') };

  it.each(CASES.map((c) => [c.found, c] as const))('%s', async (_found, c) => {
    for (const json of [false, true]) {
      const run = await runRepro(json ? [...c.argv.slice(0, c.argv.indexOf('--') === -1 ? undefined : c.argv.indexOf('--')), '--json', ...(c.argv.includes('--') ? c.argv.slice(c.argv.indexOf('--')) : [])] : c.argv, {
        env: { ...env, ...c.env },
        cwd: home,
      });
      expect(run.code, run.stderr).toBe(2);
      const lines = run.stderr.split('\n').filter((line) => line !== '');
      expect(lines, run.stderr).toHaveLength(1);
      expect(lines[0]).toMatch(/^repro: \S/);
      expect(lines[0]).toContain(c.names);
      // biome-ignore lint/suspicious/noControlCharactersInRegex: no raw control character may reach the terminal
      expect(run.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
      expect(run.stderr).not.toMatch(/\n\s+at /);
      if (json) expect(JSON.parse(run.stdout)).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
      else expect(run.stdout).toBe('');
    }
  }, 60_000);

  afterAll(async () => {
    // nothing was done: no replay ran, nothing was stored
    expect(existsSync(marker)).toBe(false);
    const verdicts = await runRepro(['verdicts', 'list', '--json'], { env, cwd: home });
    expect(verdicts.code, verdicts.stderr).toBe(0);
    expect(JSON.parse(verdicts.stdout)).toEqual([]);
    const canonical = await runRepro(['canonical', 'show', ...KEY, '--json'], { env, cwd: home });
    expect(JSON.parse(canonical.stdout)).toEqual({ present: false });
    const envelope = await runRepro(['envelope', 'show', '--image-sha', 'i', ...KEY, '--json'], { env, cwd: home });
    expect(JSON.parse(envelope.stdout)).toEqual({ present: false });
  });
});
