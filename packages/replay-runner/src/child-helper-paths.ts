import { fileURLToPath } from 'node:url';

// This file sits one level below the package root both as source (src/) and built (dist/).
const packageRoot = fileURLToPath(new URL('..', import.meta.url));

/** Folder holding the `repro_child` Python package; the runner prepends it to the child's PYTHONPATH. */
export function pythonHelperDir(): string {
  return `${packageRoot}python`;
}

/** Absolute path of the built Node child helper (CommonJS; also `@repro/replay-runner/child`). */
export function nodeChildHelperPath(): string {
  return `${packageRoot}dist/child.cjs`;
}
