#!/usr/bin/env node
// `pnpm release [--dry-run] [--registry URL] [--skip-checks] [--no-git-tag]`
//
// The release path of the monorepo: build every package, prove each tarball (`pnpm check:packages`:
// publint, attw, strict consumer type-check, install alone), then `changeset publish` (each package whose
// manifest version is not on the registry yet; pnpm rewrites workspace:/catalog: specifiers to ranges).
// Pending changesets refuse the release: version first (`pnpm changeset version`, or the Version Packages PR
// the release workflow opens).
//   --dry-run      everything but the upload: prints the publish plan and packs what would be published
//   --registry URL publish to (or plan against) that registry instead of the configured one
//   --skip-checks  skip build + check:packages (the test suite runs check:packages on its own)
//   --no-git-tag   do not create git tags for the published versions
//   --ignore-pending-changesets  publish the manifest versions as they are (the suite's throwaway registry)
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const args = process.argv.slice(2);
const known = new Set(['--dry-run', '--registry', '--skip-checks', '--no-git-tag', '--ignore-pending-changesets']);
const options = { dryRun: false, registry: undefined, skipChecks: false, gitTag: true, ignorePending: false };
for (let i = 0; i < args.length; i += 1) {
  const arg = args[i];
  if (!known.has(arg)) fail(`unknown option ${arg} (known: ${[...known].join(', ')})`, 2);
  if (arg === '--dry-run') options.dryRun = true;
  if (arg === '--skip-checks') options.skipChecks = true;
  if (arg === '--no-git-tag') options.gitTag = false;
  if (arg === '--ignore-pending-changesets') options.ignorePending = true;
  if (arg === '--registry') {
    const url = args[i + 1];
    if (url === undefined || !/^https?:\/\/[^/]/.test(url)) fail('--registry needs an http(s) URL', 2);
    options.registry = url.endsWith('/') ? url : `${url}/`;
    i += 1;
  }
}

function fail(message, code = 1) {
  process.stderr.write(`release: ${message}\n`);
  process.exit(code);
}

function step(title, command, commandArgs, extraEnv = {}) {
  process.stdout.write(`release: ${title}: ${command} ${commandArgs.join(' ')}\n`);
  const env = { ...process.env, ...extraEnv };
  if (options.registry !== undefined) env.npm_config_registry = options.registry;
  const result = spawnSync(command, commandArgs, { cwd: ROOT, env, stdio: 'inherit' });
  if (result.status !== 0) fail(`${title} failed (exit ${result.status ?? result.signal})`);
}

const pending = readdirSync(join(ROOT, '.changeset')).filter((f) => f.endsWith('.md') && f !== 'README.md');
if (pending.length > 0 && !options.ignorePending) {
  fail(`${pending.length} pending changeset(s) (${pending.slice(0, 3).join(', ')}${pending.length > 3 ? ', …' : ''}): run \`pnpm changeset version\` and commit before releasing`);
}
if (!options.skipChecks) {
  step('build', 'pnpm', ['build']);
  step('check packages', 'pnpm', ['check:packages']);
}
step('publish plan', 'pnpm', ['exec', 'changeset', 'publish-plan']);
if (options.dryRun) {
  step('dry run', 'pnpm', ['-r', '--filter', './packages/*', '--filter', './apps/*', 'publish', '--dry-run', '--no-git-checks']);
  process.stdout.write('release: dry run complete, nothing was published\n');
} else {
  step('publish', 'pnpm', ['exec', 'changeset', 'publish', ...(options.gitTag ? [] : ['--no-git-tag'])]);
}
