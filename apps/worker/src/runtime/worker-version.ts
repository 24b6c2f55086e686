import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The version in @repro/worker's package manifest: the nearest package.json named `@repro/worker` above
 * this module (dist/main.js when installed, src/runtime/ in the repository).
 */
export function readWorkerVersion(from: string = import.meta.url): string {
  let dir = dirname(fileURLToPath(from));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      const parsed = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: unknown; version?: unknown };
      if (parsed.name === '@repro/worker' && typeof parsed.version === 'string') return parsed.version;
    }
    const up = dirname(dir);
    if (up === dir) throw new Error(`no package.json of @repro/worker above ${fileURLToPath(from)}`);
    dir = up;
  }
}
