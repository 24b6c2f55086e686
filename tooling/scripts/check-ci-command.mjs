// Fails when .ci/run does not run README command (2) verbatim: CI must run exactly what the README gives.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const ci = readFileSync(join(root, '.ci', 'run'), 'utf8');
const match = /# \(2\)[^\n]*\n([^\n]+)\n/.exec(readme);
if (!match) {
  process.stderr.write('check-ci-command: README.md has no line after a "# (2) …" comment in its two-command block\n');
  process.exit(1);
}
const command = match[1].trim();
const ciLines = ci.split('\n').map((line) => line.trim());
if (!ciLines.includes(command)) {
  process.stderr.write(`check-ci-command: .ci/run does not run README command (2) verbatim:\n  ${command}\n`);
  process.exit(1);
}
process.stdout.write('check-ci-command: .ci/run runs README command (2)\n');
