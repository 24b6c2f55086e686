import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { dirname, resolve, sep } from 'node:path';
import { initialEnviron } from './initial-environ.js';

/**
 * The environment fingerprint of this Node process, captured inside it: the four P0 dimensions
 * (build_sha, instance_type, os, lib_versions) and audit data (node, libc, and observed_knobs: every
 * knob named in REPRO_KNOB_NAMES as this process saw it at start, null when unset).
 */
export function captureFingerprint(): Record<string, unknown> {
  const env = initialEnviron();
  // The runner names the knobs to report (REPRO_KNOB_NAMES); read from the start-up environment.
  const observed: Record<string, string | null> = {};
  for (const name of (env.REPRO_KNOB_NAMES ?? '').split(',')) if (name !== '') observed[name] = env[name] ?? null;
  const glibc = glibcVersion();
  // The same knobs now: a script that changed process.env during the run (before loading a native addon) is caught.
  const atResult: Record<string, string | null> = {};
  for (const name of Object.keys(observed)) atResult[name] = process.env[name] ?? null;
  const [buildSha, buildShaSource] = buildShaOf(env);
  return {
    build_sha: buildSha,
    build_sha_source: buildShaSource,
    instance_type: env.INSTANCE_TYPE || localInstanceType(),
    os: `${os.type()} ${os.release()} ${os.machine()}`,
    lib_versions: { ...loadedPackageVersions(), node: process.versions.node, v8: process.versions.v8 },
    runtime: { name: 'node', version: process.versions.node, executable: process.execPath },
    platform: `${process.platform}-${process.arch}`,
    libc: glibc ? { name: 'glibc', version: glibc } : null,
    observed_knobs: observed,
    knobs_at_result: atResult,
    helper: 'repro_child/node',
  };
}

/** [sha, source]: the runner's resolution (REPRO_BUILD_SHA), else BUILD_SHA, else the checkout of the main script, else of the cwd. */
function buildShaOf(env: Record<string, string | undefined>): [string | null, string | null] {
  if (env.REPRO_BUILD_SHA) return [env.REPRO_BUILD_SHA, env.REPRO_BUILD_SHA_SOURCE || 'runner'];
  if (env.BUILD_SHA) return [env.BUILD_SHA, 'env'];
  const script = process.argv[1];
  if (script && existsSync(script)) {
    const sha = gitHead(dirname(resolve(script)));
    if (sha) return [sha, 'child_script_checkout'];
  }
  const sha = gitHead();
  return [sha, sha ? 'child_cwd_checkout' : null];
}

/**
 * Versions of the npm packages this process loaded through `require` (CommonJS; what Node lets a process
 * observe — ES modules loaded with `import` leave no registry to read): for each module in require.cache
 * under `node_modules/<name>/` (or `node_modules/@scope/<name>/`), the version of that package.json.
 */
function loadedPackageVersions(): Record<string, string> {
  const versions: Record<string, string> = {};
  const cache = createRequire(import.meta.url).cache ?? {};
  const marker = `${sep}node_modules${sep}`;
  for (const file of Object.keys(cache)) {
    const at = file.lastIndexOf(marker);
    if (at < 0) continue;
    const parts = file.slice(at + marker.length).split(sep);
    const name = parts[0]?.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
    if (!name || name in versions) continue;
    try {
      const manifest = JSON.parse(readFileSync(`${file.slice(0, at + marker.length)}${name.split('/').join(sep)}${sep}package.json`, 'utf8')) as { version?: unknown };
      if (typeof manifest.version === 'string') versions[name] = manifest.version;
    } catch {
      // a package without a readable manifest is not recorded
    }
  }
  return versions;
}

function gitHead(directory = '.'): string | null {
  try {
    const out = execFileSync('git', ['-C', directory, 'rev-parse', 'HEAD'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 5_000 });
    const sha = out.trim();
    return /^[0-9a-f]{40,64}$/.test(sha) ? sha : null;
  } catch {
    return null;
  }
}

/** "<CPU model> x<logical cores>", the same text the Python helper produces on the same machine. */
export function localInstanceType(): string {
  let model = '';
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('model name'));
    model = line ? line.slice(line.indexOf(':') + 1).trim() : '';
  } catch {
    // not Linux
  }
  const cpus = os.cpus();
  if (model === '') model = cpus[0]?.model.trim() || os.machine();
  return `${model} x${cpus.length}`;
}

function glibcVersion(): string | null {
  const report = process.report?.getReport() as { header?: { glibcVersionRuntime?: string } } | undefined;
  return report?.header?.glibcVersionRuntime ?? null;
}
