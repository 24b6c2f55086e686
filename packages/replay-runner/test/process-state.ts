import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll } from 'vitest';

export const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
export const exampleScript = fileURLToPath(new URL('../../../examples/train_buy_model.py', import.meta.url));

/** The real interpreter behind `python3` (skips the pyenv shim's start-up cost in every replay). */
export const python = execFileSync('python3', ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8' }).trim();

/** True when `pid` is a live process (a zombie that init has not reaped yet counts as dead). */
export function isLiveProcess(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0];
    return state !== 'Z' && state !== 'X';
  } catch {
    return false;
  }
}

export async function waitForFile(path: string, withinMs = 10_000): Promise<string> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    try {
      return readFileSync(path, 'utf8');
    } catch {
      if (Date.now() > deadline) throw new Error(`file ${path} never appeared`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
}

/** The grandchild pids that `count` hang_with_grandchild.py children wrote into `dir` (waits for them). */
export async function waitForGrandchildren(dir: string, count: number, withinMs = 10_000): Promise<number[]> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    const files = readdirSync(dir).filter((name) => name.endsWith('.pid'));
    if (files.length >= count) return files.map((name) => Number(readFileSync(join(dir, name), 'utf8')));
    if (Date.now() > deadline) throw new Error(`${count} grandchild pid file(s) never appeared in ${dir}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** A fresh temp folder for one test; every folder a test file made is removed after it. */
export function scratch(): string {
  const dir = mkdtempSync(join(tmpdir(), 'replay-runner-test-'));
  scratchDirs.push(dir);
  return dir;
}
const scratchDirs: string[] = [];
afterAll(() => {
  for (const dir of scratchDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
