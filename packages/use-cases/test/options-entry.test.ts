import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

// `@repro/use-cases/options` is for consumers that validate options without running a use case (the job
// queue contract, config loaders): checked here against the built package, as Node resolves it by name.
const packageDir = new URL('..', import.meta.url);

/** Runs a Node script inside the package folder, where `@repro/use-cases` resolves to this package itself. */
async function runNode(args: string[]): Promise<unknown> {
  if (!existsSync(new URL('dist/options.js', packageDir))) throw new Error('build @repro/use-cases first: pnpm --filter @repro/use-cases build');
  const { stdout } = await promisify(execFile)(process.execPath, args, { cwd: packageDir.pathname });
  return JSON.parse(stdout);
}

// The packages a use case composes (by name, or by their workspace folder: Node reports real paths), and their
// heavy dependencies: none of them is the options' business.
const COMPOSED = /\/(@repro\/|packages\/)(canonical-provenance|replay-runner|s43-transport|verdict-report)\/|\/(@aws-sdk|@electric-sql|echarts|pg)\//;

const LOADED_BY_IMPORT = `
import { registerHooks } from 'node:module';
const loaded = [];
registerHooks({ resolve(specifier, context, next) { const resolved = next(specifier, context); loaded.push(resolved.url); return resolved; } });
await import('@repro/use-cases/options');
console.log(JSON.stringify(loaded));
`;

const LOADED_BY_REQUIRE = `
require('@repro/use-cases/options');
console.log(JSON.stringify(Object.keys(require.cache)));
`;

const SAME_CLASSES_ESM = `
const options = await import('@repro/use-cases/options');
const main = await import('@repro/use-cases');
console.log(JSON.stringify(['InvalidIdentifierError', 'UseCaseInputError', 'verdictOptionsSchema', 'parseOptions'].map((name) => options[name] === main[name])));
`;

const SAME_CLASSES_CJS = `
const options = require('@repro/use-cases/options');
const main = require('@repro/use-cases');
console.log(JSON.stringify(['InvalidIdentifierError', 'UseCaseInputError', 'verdictOptionsSchema', 'parseOptions'].map((name) => options[name] === main[name])));
`;

describe('@repro/use-cases/options', () => {
  it('imported (ESM) loads zod and verdict-core, and none of the packages a use case composes', async () => {
    const loaded = (await runNode(['--input-type=module', '-e', LOADED_BY_IMPORT])) as string[];
    expect(loaded.some((url) => url.includes('/zod/'))).toBe(true);
    expect(loaded.filter((url) => COMPOSED.test(url))).toEqual([]);
  }, 60_000);

  it('required (CJS) loads none of the packages a use case composes either', async () => {
    const loaded = (await runNode(['-e', LOADED_BY_REQUIRE])) as string[];
    expect(loaded.some((path) => path.endsWith('/dist/options.cjs'))).toBe(true);
    expect(loaded.filter((path) => COMPOSED.test(path))).toEqual([]);
  }, 60_000);

  it('hands out the very classes and schemas of the main entry, so instanceof holds across entries (ESM and CJS)', async () => {
    expect(await runNode(['--input-type=module', '-e', SAME_CLASSES_ESM])).toEqual([true, true, true, true]);
    expect(await runNode(['-e', SAME_CLASSES_CJS])).toEqual([true, true, true, true]);
  }, 60_000);
});
