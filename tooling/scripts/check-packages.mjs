// `pnpm check:packages`: every publishable package must be clean under publint --strict and
// @arethetypeswrong/cli, and must install alone from its packed tarball (plus the packed tarballs of the
// @repro/* packages it depends on — never from a registry) into an empty npm project, where it is
// imported from .mjs and required from .cjs (libraries) or its bin is run (apps). Each library is also
// type-checked as a strict consumer would (skipLibCheck false; moduleResolution nodenext and bundler; ESM and
// CJS) by tooling/scripts/consumer-typecheck.mjs, and every published dependency must be a range, not a pin.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { consumerTypecheck } from './consumer-typecheck.mjs';
import { pinnedSpecs } from './published-ranges.mjs';
import { ROOT, workspacePackages } from './workspace-packages.mjs';

const only = process.argv.slice(2);
const all = workspacePackages(['packages', 'apps']).filter((p) => !p.manifest.private);
const targets = only.length > 0 ? all.filter((p) => only.includes(p.manifest.name)) : all;
const byName = new Map(all.map((p) => [p.manifest.name, p]));
const bin = (name) => join(ROOT, 'node_modules', '.bin', name);
const failures = [];

function run(cmd, args, opts = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { ...opts, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => { out += d; });
    child.stderr.on('data', (d) => { out += d; });
    child.on('error', (error) => resolve({ code: -1, out: `${out}${error.message}` }));
    child.on('close', (code) => resolve({ code, out }));
  });
}

function reproDeps(name, seen = new Set()) {
  const pkg = byName.get(name);
  for (const dep of Object.keys(pkg?.manifest.dependencies ?? {})) {
    if (dep.startsWith('@repro/') && !seen.has(dep)) {
      seen.add(dep);
      reproDeps(dep, seen);
    }
  }
  return seen;
}

const work = mkdtempSync(join(tmpdir(), 'repro-check-packages-'));
const tarballDir = join(work, 'tarballs');
mkdirSync(tarballDir);
const tarballOf = new Map();
const log = (line) => process.stdout.write(`${line}\n`);

// 1. pack every publishable package once (pnpm rewrites workspace: and catalog: specifiers).
for (const pkg of all) {
  const before = new Set(readdirSync(tarballDir));
  execFileSync('pnpm', ['pack', '--pack-destination', tarballDir], { cwd: pkg.dir, stdio: 'ignore' });
  const made = readdirSync(tarballDir).find((f) => !before.has(f));
  if (!made) throw new Error(`pnpm pack produced no tarball for ${pkg.manifest.name}`);
  tarballOf.set(pkg.manifest.name, join(tarballDir, made));
}

async function checkOne(pkg) {
  const name = pkg.manifest.name;
  const isLibrary = pkg.group === 'packages';
  const notes = [];
  const publint = await run(bin('publint'), ['--strict', tarballOf.get(name)], { cwd: pkg.dir });
  if (publint.code !== 0) failures.push(`${name}: publint --strict\n${publint.out}`);
  notes.push(publint.code === 0 ? 'publint ok' : 'publint FAILED');
  if (isLibrary) {
    const attw = await run(bin('attw'), [tarballOf.get(name), '--format', 'ascii'], { cwd: pkg.dir });
    if (attw.code !== 0) failures.push(`${name}: @arethetypeswrong/cli\n${attw.out}`);
    notes.push(attw.code === 0 ? 'attw ok' : 'attw FAILED');
  }
  const project = join(work, `install-${name.replace('/', '__')}`);
  mkdirSync(project);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'smoke', private: true, version: '0.0.0' }));
  const pins = pinnedSpecs(tarballOf.get(name));
  if (pins.length > 0) failures.push(`${name}: the packed manifest pins exact versions (use ranges): ${pins.join(', ')}`);
  const tarballs = [name, ...reproDeps(name)].map((n) => tarballOf.get(n));
  // Installed alone, with npm, with the ranges the manifest declares (npm adds the required peers itself).
  // A library's consumer has Node's types (@types/node, as any Node TypeScript project does).
  const consumerTypes = isLibrary ? ['@types/node@^22'] : [];
  const install = await run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', ...tarballs, ...consumerTypes], { cwd: project });
  if (install.code !== 0) {
    failures.push(`${name}: npm install of the packed tarball failed\n${install.out}`);
    return;
  }
  if (isLibrary) {
    writeFileSync(join(project, 'smoke.mjs'), `import * as m from '${name}';\nconsole.log(JSON.stringify(Object.keys(m).filter((k) => k !== 'default').sort()));\n`);
    writeFileSync(join(project, 'smoke.cjs'), `const m = require('${name}');\nconsole.log(JSON.stringify(Object.keys(m).filter((k) => k !== 'default' && k !== '__esModule').sort()));\n`);
    const esm = await run('node', ['smoke.mjs'], { cwd: project });
    const cjs = await run('node', ['smoke.cjs'], { cwd: project });
    if (esm.code !== 0) failures.push(`${name}: import from .mjs failed\n${esm.out}`);
    if (cjs.code !== 0) failures.push(`${name}: require from .cjs failed\n${cjs.out}`);
    if (esm.code === 0 && cjs.code === 0 && esm.out.trim() !== cjs.out.trim()) {
      failures.push(`${name}: ESM and CJS export different names\n  esm: ${esm.out.trim()}\n  cjs: ${cjs.out.trim()}`);
    }
    if (esm.code === 0 && cjs.code === 0) notes.push(`import + require ok (${JSON.parse(esm.out || '[]').length} exports)`);
    const typeErrors = await consumerTypecheck({ project, name, manifest: pkg.manifest, run });
    if (typeErrors.length > 0) failures.push(`${name}: a strict consumer's type-check fails\n${typeErrors.join('\n')}`);
    else notes.push('strict consumer tsc ok (nodenext + bundler, ESM + CJS)');
    log(`  ${name}: ${notes.join(', ')}`);
  } else {
    // An app brings no other app (its bins, its service dependencies): `@repro/cli` installs no worker,
    // no prom-client and one bin.
    for (const other of all.filter((p) => p.group === 'apps' && p.manifest.name !== name)) {
      if (existsSync(join(project, 'node_modules', other.manifest.name))) failures.push(`${name}: installing it also installed the app ${other.manifest.name}`);
      for (const otherBin of Object.keys(other.manifest.bin ?? {})) {
        if (existsSync(join(project, 'node_modules', '.bin', otherBin))) failures.push(`${name}: installing it also installed the bin ${otherBin}`);
      }
      for (const dep of Object.keys(other.manifest.dependencies ?? {})) {
        if (dep.startsWith('@repro/') || dep in (pkg.manifest.dependencies ?? {})) continue;
        const neededByALibrary = [...reproDeps(name)].some((d) => dep in (byName.get(d)?.manifest.dependencies ?? {}));
        if (!neededByALibrary && existsSync(join(project, 'node_modules', dep))) {
          failures.push(`${name}: installing it also installed ${dep}, a dependency of ${other.manifest.name} only`);
        }
      }
    }
    for (const [binName] of Object.entries(pkg.manifest.bin ?? {})) {
      const res = await run(join(project, 'node_modules', '.bin', binName), ['--help'], { cwd: project });
      if (res.code !== 0) failures.push(`${name}: installed bin \`${binName} --help\` exited ${res.code}\n${res.out}`);
      else log(`  ${name}: ${notes.join(', ')}, installed bin \`${binName} --help\` ok`);
      if (name === '@repro/worker') {
        // `repro-worker --version` reads the installed package's manifest
        const version = await run(join(project, 'node_modules', '.bin', binName), ['--version'], { cwd: project });
        if (version.code !== 0 || version.out.trim() !== pkg.manifest.version) failures.push(`${name}: \`${binName} --version\` printed ${JSON.stringify(version.out.trim())}, not ${pkg.manifest.version}`);
      }
    }
  }
}

log(`check:packages — ${targets.length} package(s), working in ${work}`);
const queue = [...targets];
await Promise.all(
  Array.from({ length: 2 }, async () => {
    while (queue.length > 0) await checkOne(queue.shift());
  }),
);
if (failures.length > 0) {
  process.stderr.write(`\ncheck:packages FAILED (${failures.length})\n\n${failures.join('\n\n')}\n`);
  process.exit(1);
}
rmSync(work, { recursive: true, force: true });
log(`check:packages: ${targets.length} passed, 0 failed`);
