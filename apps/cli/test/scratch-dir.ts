import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { runRepro } from './run-cli-in-process.js';

export interface ScratchDir {
  readonly dir: string;
  /** Writes `content` (a string, or JSON) to `name` inside the folder and returns its path. */
  file(name: string, content: unknown): string;
}

/** A temporary folder for one test file, removed after it. */
export function scratchDir(prefix: string): ScratchDir {
  const dir = mkdtempSync(join(tmpdir(), `${prefix}-`));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return {
    dir,
    file(name, content) {
      const path = join(dir, name);
      writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
      return path;
    },
  };
}

/**
 * `repro` in-process against an embedded store of its own: a fresh folder as cwd with REPRO_HOME inside
 * it, and only PATH and HOME from the parent environment.
 */
export function reproInFreshHome(prefix: string): { readonly home: string; readonly env: Record<string, string | undefined>; repro(...argv: string[]): ReturnType<typeof runRepro> } {
  const home = mkdtempSync(join(tmpdir(), `${prefix}-`));
  const env: Record<string, string | undefined> = { PATH: process.env.PATH, HOME: process.env.HOME, REPRO_HOME: join(home, '.repro') };
  return { home, env, repro: (...argv) => runRepro(argv, { env, cwd: home }) };
}
