import { readFileSync } from 'node:fs';

/**
 * The version of @repro/cli, read from its package manifest (one level above both `src/` and the built
 * `dist/`), so `repro --version` always says what is installed.
 */
export function readCliVersion(): string {
  const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version?: unknown };
  if (typeof manifest.version !== 'string') throw new Error('@repro/cli package.json has no version');
  return manifest.version;
}
