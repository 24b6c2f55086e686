import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The built bin, as a user runs it: Ctrl-C (SIGINT) kills the replay's process group, then exits 130.
const BIN = fileURLToPath(new URL('../bin/repro.cjs', import.meta.url));
const CELL = fileURLToPath(new URL('../../worker/test/fixtures/train-cell.cjs', import.meta.url));

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function until(condition: () => boolean, what: string, ms = 60_000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('Ctrl-C', () => {
  it('SIGINT during a replay kills its process group and exits 130 with one line', async () => {
    const home = mkdtempSync(join(tmpdir(), 'repro-sigint-'));
    const marker = join(home, 'replay.pid');
    const cli = spawn(
      process.execPath,
      [BIN, 'canonical', 'record', '--cell', 'c/1', '--metric', 'f1_buy', '--run-id', 'r1', '--from-run', '--', process.execPath, CELL, '--sleep-ms', '600000', '--marker', marker],
      { cwd: home, env: { PATH: process.env.PATH, HOME: process.env.HOME, REPRO_HOME: join(home, '.repro') }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stderr = '';
    let stdout = '';
    cli.stderr!.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    cli.stdout!.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    const exited = new Promise<number | null>((resolve) => cli.once('exit', (code) => resolve(code)));
    await until(() => existsSync(marker) && readFileSync(marker, 'utf8').trim() !== '', 'the replay to start');
    const replayPid = Number(readFileSync(marker, 'utf8').trim());
    expect(alive(replayPid)).toBe(true);

    cli.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(alive(replayPid)).toBe(false);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toEqual(['repro: interrupted by SIGINT: every replay process group was killed']);
  }, 120_000);
});
