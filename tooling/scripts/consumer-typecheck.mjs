// A strict consumer's type-check of an installed package: every entry point of its `exports` is imported
// from ESM (.mts) and CJS (.cts) files and checked by tsc with skipLibCheck false (the default of a fresh
// `tsc --init`) under moduleResolution nodenext and bundler. Returns the error lines (empty when clean).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './workspace-packages.mjs';

const TSC = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');

function entryPoints(name, manifest) {
  return Object.keys(manifest.exports ?? { '.': null })
    // code entry points only: data files (package.json, JSON schemas) are not imported as modules
    .filter((key) => key !== './package.json' && !key.includes('*') && !/\.(json|py|txt|md)$/.test(key))
    .map((key) => (key === '.' ? name : `${name}/${key.slice(2)}`));
}

const STRICT = {
  strict: true,
  skipLibCheck: false,
  noEmit: true,
  target: 'ES2022',
  lib: ['ES2023'],
  types: ['node'],
  exactOptionalPropertyTypes: true,
  noUncheckedIndexedAccess: true,
};

/**
 * @param {{ project: string, name: string, manifest: any, run: (cmd: string, args: string[], opts?: object) => Promise<{code: number, out: string}> }} options
 * @returns {Promise<string[]>}
 */
export async function consumerTypecheck({ project, name, manifest, run }) {
  const dir = join(project, 'typecheck');
  mkdirSync(dir, { recursive: true });
  const entries = entryPoints(name, manifest);
  const esm = entries.map((entry, i) => `import * as entry${i} from '${entry}';\nexport type Entry${i} = typeof entry${i};\n`).join('');
  const cjs = entries.map((entry, i) => `import entry${i} = require('${entry}');\nexport type Entry${i} = typeof entry${i};\n`).join('');
  writeFileSync(join(dir, 'consumer-esm.mts'), esm);
  writeFileSync(join(dir, 'consumer-cjs.cts'), cjs);
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ type: 'module', private: true }));
  const configs = {
    'tsconfig.nodenext.json': { compilerOptions: { ...STRICT, module: 'nodenext', moduleResolution: 'nodenext' } },
    'tsconfig.bundler.json': { compilerOptions: { ...STRICT, module: 'preserve', moduleResolution: 'bundler' } },
  };
  const errors = [];
  for (const [file, config] of Object.entries(configs)) {
    writeFileSync(join(dir, file), JSON.stringify({ ...config, files: ['consumer-esm.mts', 'consumer-cjs.cts'] }, null, 2));
    const result = await run('node', [TSC, '-p', file], { cwd: dir });
    if (result.code !== 0) errors.push(`  ${file} (${config.compilerOptions.moduleResolution}):\n${result.out.trim().replace(/^/gm, '    ')}`);
  }
  return errors;
}
