import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
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
  return {
    build_sha: env.BUILD_SHA || gitHead(),
    instance_type: env.INSTANCE_TYPE || localInstanceType(),
    os: `${os.type()} ${os.release()} ${os.machine()}`,
    lib_versions: { node: process.versions.node, v8: process.versions.v8 },
    runtime: { name: 'node', version: process.versions.node, executable: process.execPath },
    platform: `${process.platform}-${process.arch}`,
    libc: glibc ? { name: 'glibc', version: glibc } : null,
    observed_knobs: observed,
    helper: 'repro_child/node',
  };
}

function gitHead(): string | null {
  try {
    const out = execFileSync('git', ['rev-parse', 'HEAD'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 5_000 });
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
