// Lists the workspace's package folders and manifests (packages/*, apps/*, tooling/*).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = new URL('../..', import.meta.url).pathname.replace(/\/$/, '');

export function workspacePackages(groups = ['packages', 'apps', 'tooling']) {
  const found = [];
  for (const group of groups) {
    const base = join(ROOT, group);
    if (!existsSync(base)) continue;
    for (const entry of readdirSync(base, { withFileTypes: true })) {
      if (!entry.isDirectory()) continue;
      const dir = join(base, entry.name);
      const manifestPath = join(dir, 'package.json');
      if (!existsSync(manifestPath)) continue;
      found.push({ group, dir, manifest: JSON.parse(readFileSync(manifestPath, 'utf8')) });
    }
  }
  return found;
}
