import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runReplay } from '../src/index.js';
import { isProcessGroupAlive } from '../src/process-group.js';
import { fixture, isLiveProcess, python, scratch, waitForGrandchildren } from './process-state.js';

const dist = fileURLToPath(new URL('../dist/index.js', import.meta.url));

async function until(test: () => boolean, withinMs: number): Promise<boolean> {
  const deadline = Date.now() + withinMs;
  while (!test()) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return true;
}

/** Live orphan watchdogs watching `pid` (their argv names it after the `repro-replay-watchdog` marker). */
function watchdogsOf(pid: number): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let argv: string[];
    try {
      argv = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
    } catch {
      continue;
    }
    const marker = argv.indexOf('repro-replay-watchdog');
    if (marker >= 0 && argv[marker + 1] === String(pid) && isLiveProcess(Number(entry))) found.push(Number(entry));
  }
  return found;
}

// Needs `pnpm --filter @repro/replay-runner build` first (the runner process loads the built package).
describe.skipIf(process.platform !== 'linux')('replays die with their runner (orphan watchdog)', () => {
  it('kill -9 of the runner mid-replay: the replay group (grandchild included) is gone and its temp folder removed, within a bound', { timeout: 60_000 }, async () => {
    const workDir = scratch();
    const pidDir = scratch();
    const script = `
      const m = await import(${JSON.stringify(dist)});
      await m.runReplay(
        { command: [${JSON.stringify(python)}, ${JSON.stringify(fixture('hang_with_grandchild.py'))}, ${JSON.stringify(pidDir)}, 'child-dies-on-term'], workDir: ${JSON.stringify(workDir)}, killGraceMs: 1000, timeoutMs: 600000 },
        { emit: (e) => { if (e.event === 'replay_started') process.stdout.write(JSON.stringify({ pgid: e.pid }) + '\\n'); } },
      );`;
    const runner = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    const pgid = await new Promise<number>((resolve, reject) => {
      runner.stdout.once('data', (d: Buffer) => resolve(JSON.parse(d.toString().split('\n')[0]!).pgid));
      runner.once('exit', (code) => reject(new Error(`runner exited ${code} before the replay started`)));
    });
    const [grandchild] = await waitForGrandchildren(pidDir, 1);
    expect(isProcessGroupAlive(pgid)).toBe(true);
    expect(readdirSync(workDir).filter((d) => d.startsWith('repro-replay-'))).toHaveLength(1);

    runner.kill('SIGKILL');
    // poll 0.5 s + SIGTERM; the grandchild only dies on the SIGKILL after the 1 s grace
    expect(await until(() => !isProcessGroupAlive(pgid) && !isLiveProcess(grandchild!), 15_000)).toBe(true);
    expect(await until(() => readdirSync(workDir).length === 0, 5_000)).toBe(true);
  });

  it('each running replay has one watchdog; a replay that ends under the runner (abort or exit) stops it', { timeout: 30_000 }, async () => {
    const pidDir = scratch();
    const controller = new AbortController();
    const running = runReplay({ command: [python, fixture('hang_with_grandchild.py'), pidDir, 'child-dies-on-term'], workDir: scratch(), killGraceMs: 1000 }, { signal: controller.signal }).catch(() => null);
    await waitForGrandchildren(pidDir, 1);
    expect(watchdogsOf(process.pid)).toHaveLength(1);
    controller.abort();
    await running;
    expect(await until(() => watchdogsOf(process.pid).length === 0, 5_000)).toBe(true);
    expect((await runReplay({ command: [python, fixture('trivial.py')], workDir: scratch() })).ok).toBe(true);
    expect(await until(() => watchdogsOf(process.pid).length === 0, 5_000)).toBe(true);
  });
});
