// `pnpm release` proven against a throwaway verdaccio registry on a free loopback port: the dry run publishes
// nothing; the real run publishes every public package with ranges in place of workspace:/catalog:, and the
// CLI installs from that registry and prints its manifest's version.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const RELEASE = join(ROOT, 'tooling', 'release', 'release.mjs');
const VERDACCIO = join(ROOT, 'tooling', 'release', 'node_modules', '.bin', 'verdaccio');
const PUBLIC_PACKAGES = spawnSync('node', ['-e', `import('${join(ROOT, 'tooling/scripts/workspace-packages.mjs')}').then((m) => console.log(JSON.stringify(m.workspacePackages(['packages', 'apps']).filter((p) => !p.manifest.private).map((p) => ({ name: p.manifest.name, version: p.manifest.version, dir: p.dir })))))`], { encoding: 'utf8' });
const packages = JSON.parse(PUBLIC_PACKAGES.stdout) as { name: string; version: string; dir: string }[];

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address !== null ? address.port : 0));
    });
  });
}

let work: string;
let registry: string;
let verdaccio: ChildProcess | undefined;
let userconfig: string;

function release(args: string[]) {
  return spawnSync('node', [RELEASE, ...args, '--registry', registry], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, NPM_CONFIG_USERCONFIG: userconfig, npm_config_userconfig: userconfig },
    timeout: 480_000,
  });
}

/** GET a package document, on a fresh connection each time (verdaccio closes idle keep-alive sockets). */
function registryDocument(name: string): Promise<{ status: number; body: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const request = get(`${registry}${name.replace('/', '%2f')}`, { agent: false }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        text += chunk;
      });
      response.on('end', () => {
        const status = response.statusCode ?? 0;
        resolve({ status, body: status === 200 ? (JSON.parse(text) as Record<string, unknown>) : {} });
      });
    });
    request.on('error', reject);
  });
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'repro-release-test-'));
  const port = await freePort();
  registry = `http://127.0.0.1:${port}/`;
  const config = join(work, 'verdaccio.yaml');
  writeFileSync(
    config,
    [
      `storage: ${join(work, 'storage')}`,
      'auth:',
      '  htpasswd:',
      `    file: ${join(work, 'htpasswd')}`,
      '    max_users: 10',
      'uplinks: {}',
      'packages:',
      "  '**':",
      '    access: $all',
      '    publish: $authenticated',
      'log: { type: stdout, format: json, level: warn }',
      '',
    ].join('\n'),
  );
  verdaccio = spawn(VERDACCIO, ['--config', config, '--listen', `127.0.0.1:${port}`], { stdio: 'ignore' });
  for (let attempt = 0; ; attempt += 1) {
    const ok = await fetch(`${registry}-/ping`).then((r) => r.ok, () => false);
    if (ok) break;
    if (attempt > 300) throw new Error(`verdaccio did not answer on ${registry}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const user = await fetch(`${registry}-/user/org.couchdb.user:repro-release`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'repro-release', password: 'throwaway-registry', email: 'release@example.invalid', type: 'user' }),
  });
  const { token } = (await user.json()) as { token: string };
  userconfig = join(work, 'npmrc');
  writeFileSync(userconfig, `//127.0.0.1:${port}/:_authToken=${token}\n`);
});

afterAll(() => {
  verdaccio?.kill('SIGTERM');
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('pnpm release against a throwaway registry', () => {
  test('there is something to release: every public package has a version', () => {
    expect(packages.length).toBeGreaterThanOrEqual(8);
    for (const pkg of packages) expect(pkg.version, pkg.name).toMatch(/^\d+\.\d+\.\d+/);
  });

  test('--dry-run plans every package and publishes nothing', async () => {
    const result = release(['--dry-run', '--skip-checks', '--ignore-pending-changesets']);
    expect(result.status, result.stderr + result.stdout).toBe(0);
    expect(result.stdout).toContain('dry run complete, nothing was published');
    for (const pkg of packages) expect(result.stdout + result.stderr).toContain(pkg.name);
    for (const pkg of packages) expect((await registryDocument(pkg.name)).status, pkg.name).toBe(404);
  });

  test('pending changesets refuse a release unless told to ignore them', () => {
    const pending = join(ROOT, '.changeset', 'zz-release-test-pending.md');
    writeFileSync(pending, '---\n"@repro/verdict-core": patch\n---\n\nrelease test\n');
    try {
      const result = release(['--dry-run', '--skip-checks']);
      expect(result.status).toBe(1);
      expect(result.stderr).toContain('pending changeset');
    } finally {
      rmSync(pending);
    }
  });

  test('a real release publishes every package with ranges, and the CLI installs from the registry', async () => {
    const result = release(['--skip-checks', '--no-git-tag', '--ignore-pending-changesets']);
    expect(result.status, result.stderr + result.stdout).toBe(0);
    for (const pkg of packages) {
      const { status, body } = await registryDocument(pkg.name);
      expect(status, pkg.name).toBe(200);
      const versions = body.versions as Record<string, { dependencies?: Record<string, string>; peerDependencies?: Record<string, string> }>;
      const published = versions[pkg.version];
      expect(published, `${pkg.name}@${pkg.version}`).toBeDefined();
      for (const spec of [...Object.values(published?.dependencies ?? {}), ...Object.values(published?.peerDependencies ?? {})]) {
        expect(spec).not.toMatch(/^(workspace|catalog):/);
        expect(spec).not.toMatch(/^\d/);
      }
    }
    const app = mkdtempSync(join(work, 'install-'));
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'release-smoke', private: true }));
    writeFileSync(join(app, '.npmrc'), `@repro:registry=${registry}\n`);
    const install = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', '@repro/cli'], { cwd: app, encoding: 'utf8', timeout: 300_000 });
    expect(install.status, install.stderr).toBe(0);
    const cli = packages.find((p) => p.name === '@repro/cli');
    const version = spawnSync(join(app, 'node_modules', '.bin', 'repro'), ['--version'], { encoding: 'utf8' });
    expect(version.stdout.trim()).toBe(cli?.version);
    const installed = JSON.parse(readFileSync(join(app, 'node_modules', '@repro', 'cli', 'package.json'), 'utf8')) as { version: string };
    expect(installed.version).toBe(cli?.version);
  });
});
