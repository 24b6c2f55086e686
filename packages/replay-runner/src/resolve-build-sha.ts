import { execFile } from 'node:child_process';
import { stat } from 'node:fs/promises';
import { dirname, isAbsolute, resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Where a replay's build_sha came from. */
export type BuildShaSource = 'explicit' | 'env' | 'script_checkout' | 'cwd_checkout';

export interface BuildShaResolution {
  /** The commit, or null when no source gave one. */
  readonly sha: string | null;
  readonly source: BuildShaSource | null;
  /** The checkout the sha was read from (script_checkout / cwd_checkout). */
  readonly checkout: string | null;
  /** The script found in the command (its first argument that is an existing file), absolute. */
  readonly script: string | null;
  /** True when the checkout has uncommitted changes to tracked files (the sha does not describe the code). */
  readonly dirty: boolean;
}

export interface ResolveBuildShaInput {
  readonly command: readonly string[];
  /** The child's working directory (default: the parent's). */
  readonly cwd?: string;
  /** An explicit sha (`--build-sha`); wins over everything. */
  readonly explicit?: string;
  /** The parent environment: its BUILD_SHA is the second choice. */
  readonly parentEnv?: Readonly<Record<string, string | undefined>>;
}

/**
 * The build sha of the TRAINING CODE, never of the caller's checkout. In order: the explicit sha, the
 * parent's BUILD_SHA, the git checkout holding the script the command runs (its first argument after
 * the program that is an existing file, relative to `cwd`), else the checkout of `cwd`. Null when none.
 */
export async function resolveBuildSha(input: ResolveBuildShaInput): Promise<BuildShaResolution> {
  const cwd = resolve(input.cwd ?? process.cwd());
  const script = await findScript(input.command, cwd);
  const none = { checkout: null, script, dirty: false };
  if (input.explicit) return { sha: input.explicit, source: 'explicit', ...none };
  const envSha = input.parentEnv?.BUILD_SHA;
  if (envSha) return { sha: envSha, source: 'env', ...none };
  if (script !== null) {
    const found = await gitHead(dirname(script));
    if (found) return { sha: found.sha, source: 'script_checkout', checkout: found.top, script, dirty: found.dirty };
  }
  const found = await gitHead(cwd);
  if (found) return { sha: found.sha, source: 'cwd_checkout', checkout: found.top, script, dirty: found.dirty };
  return { sha: null, source: null, ...none };
}

/** The first argument after argv[0] that names an existing regular file (relative to cwd), absolute. */
export async function findScript(command: readonly string[], cwd: string): Promise<string | null> {
  for (const arg of command.slice(1)) {
    if (arg.startsWith('-') || arg === '') continue;
    const path = isAbsolute(arg) ? arg : resolve(cwd, arg);
    const info = await stat(path).catch(() => null);
    if (info?.isFile()) return path;
  }
  return null;
}

async function gitHead(directory: string): Promise<{ sha: string; top: string; dirty: boolean } | null> {
  const git = async (args: string[]) => (await run('git', ['-C', directory, ...args], { timeout: 10_000, encoding: 'utf8' })).stdout.trim();
  try {
    const sha = await git(['rev-parse', 'HEAD']);
    if (!/^[0-9a-f]{40}([0-9a-f]{24})?$/.test(sha)) return null;
    const top = await git(['rev-parse', '--show-toplevel']);
    const dirty = (await git(['status', '--porcelain', '--untracked-files=no']).catch(() => '')) !== '';
    return { sha, top, dirty };
  } catch {
    return null;
  }
}
