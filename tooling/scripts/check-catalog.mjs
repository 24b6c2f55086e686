// Lint for version drift: a dependency that is in the pnpm catalog must be referenced as "catalog:",
// and a dependency used by two or more workspace packages must be in the catalog.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, workspacePackages } from './workspace-packages.mjs';

const workspaceYaml = readFileSync(join(ROOT, 'pnpm-workspace.yaml'), 'utf8');
const catalogBlock = workspaceYaml.split(/^catalog:\s*$/m)[1]?.split(/^\S/m)[0] ?? '';
const catalog = new Set(
  [...catalogBlock.matchAll(/^\s+"?([^":\s]+)"?\s*:/gm)].map((m) => m[1]),
);

const problems = [];
const users = new Map();
const manifests = [...workspacePackages(), { dir: ROOT, manifest: JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) }];
for (const { dir, manifest } of manifests) {
  for (const field of ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies']) {
    for (const [name, spec] of Object.entries(manifest[field] ?? {})) {
      if (field === 'peerDependencies') continue;
      if (spec.startsWith('workspace:')) continue;
      if (!users.has(name)) users.set(name, []);
      users.get(name).push(`${manifest.name} (${field})`);
      if (catalog.has(name) && spec !== 'catalog:') {
        problems.push(`${join(dir, 'package.json')}: ${field}.${name} is "${spec}" but the catalog pins it: use "catalog:"`);
      }
    }
  }
}
for (const [name, where] of users) {
  if (where.length > 1 && !catalog.has(name)) {
    problems.push(`${name} is used by ${where.join(', ')} but is not in the pnpm catalog (pnpm-workspace.yaml)`);
  }
}
if (problems.length > 0) {
  process.stderr.write(`check-catalog: ${problems.length} problem(s)\n${problems.map((p) => `  - ${p}`).join('\n')}\n`);
  process.exit(1);
}
process.stdout.write(`check-catalog: ${users.size} dependencies, no drift\n`);
