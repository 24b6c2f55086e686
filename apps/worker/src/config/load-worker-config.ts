import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, resolve } from 'node:path';
import { buildHermeticEnv, PROTOCOL_ENV, ReplaySpecError, requestedKnobs, validateReplaySpec } from '@repro/replay-runner';
import { InvalidStoreUriError, parseStoreUri } from '@repro/s43-transport';
import type { z } from 'zod';
import { profileFieldOf, replaySpecForProfile } from './replay-spec-for-profile.js';
import { WorkerConfigError } from './worker-config-error.js';
import { type WorkerConfig, workerConfigSchema } from './worker-config-schema.js';

/** Variables a profile may never pass to a replay: the worker's own database credentials. */
const NEVER_PASSED = new Set(['DATABASE_URL', 'PGPASSWORD']);

function issueField(issue: z.core.$ZodIssue): string | null {
  const path = issue.path.map(String);
  if (issue.code === 'unrecognized_keys') path.push(issue.keys[0]!);
  return path.length === 0 ? null : path.join('.').replace(/\.(\d+)(?=\.|$)/g, '[$1]');
}

function issueProblem(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => JSON.stringify(k)).join(', ')}`;
  if (issue.code === 'invalid_type' && issue.message.includes('received undefined')) return 'required';
  return issue.message;
}

/** Validate a parsed config document (`source` names it in errors). Relative cwds resolve against `baseDir`. */
export function parseWorkerConfig(document: unknown, source: string, baseDir: string): WorkerConfig {
  const parsed = workerConfigSchema.safeParse(document);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new WorkerConfigError(source, issueField(issue), issueProblem(issue));
  }
  const config = parsed.data;
  for (const [name, profile] of Object.entries(config.profiles)) {
    profile.cwd = profile.cwd === undefined ? baseDir : isAbsolute(profile.cwd) ? profile.cwd : resolve(baseDir, profile.cwd);
    for (const [i, variable] of profile.pass_env.entries()) {
      if (NEVER_PASSED.has(variable)) throw new WorkerConfigError(source, `profiles.${name}.pass_env[${i}]`, `${variable} is the worker's own credential and is never passed to a replay`);
    }
    try {
      const spec = replaySpecForProfile(profile, { metric: 'metric', purpose: 'verdict', parentEnv: {} });
      validateReplaySpec(spec);
      // pass_env may not name a knob the runner pins (in either mode) or a protocol variable
      const knobs = { ...requestedKnobs(spec.pin), ...requestedKnobs({ mode: 'uncapped' }) };
      const protocol = Object.fromEntries(Object.values(PROTOCOL_ENV).map((name) => [name, '']));
      buildHermeticEnv({ parentEnv: {}, passEnv: profile.pass_env, knobs, protocol });
    } catch (error) {
      if (error instanceof ReplaySpecError) throw new WorkerConfigError(source, `profiles.${name}.${profileFieldOf(error.field)}`, error.problem);
      throw error;
    }
  }
  if (config.store !== undefined) {
    try {
      parseStoreUri(config.store, baseDir);
    } catch (error) {
      if (error instanceof InvalidStoreUriError) throw new WorkerConfigError(source, 'store', error.message);
      throw error;
    }
  }
  return config;
}

/** Read and validate the worker config file. Every problem is a `WorkerConfigError` naming the file and field. */
export async function loadWorkerConfig(path: string, cwd: string): Promise<WorkerConfig> {
  const file = isAbsolute(path) ? path : resolve(cwd, path);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new WorkerConfigError(path, null, `cannot read: ${error instanceof Error ? error.message : String(error)}`);
  }
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new WorkerConfigError(path, null, `not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  return parseWorkerConfig(document, path, dirname(file));
}
