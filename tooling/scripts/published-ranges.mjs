// The dependency specs of a packed tarball's manifest that are exact pins (e.g. "zod": "4.6.7") rather than
// ranges: a user on another patch would get a second copy, and types that cross our API would not match.
import { execFileSync } from 'node:child_process';

const FIELDS = ['dependencies', 'peerDependencies', 'optionalDependencies'];

/** @param {string} tarball @returns {string[]} `field.name@spec` of every pinned spec */
export function pinnedSpecs(tarball) {
  const manifest = JSON.parse(execFileSync('tar', ['-xzOf', tarball, 'package/package.json'], { encoding: 'utf8' }));
  const pins = [];
  for (const field of FIELDS) {
    for (const [name, spec] of Object.entries(manifest[field] ?? {})) {
      if (/^\d/.test(spec) || spec.startsWith('=')) pins.push(`${field}.${name}@${spec}`);
    }
  }
  return pins;
}
