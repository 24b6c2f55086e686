import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

// Needs the built dist of replay-runner and verdict-core (issue 11 item 4: `[-Infinity]: "-Infinity"`, TS1170).
const here = fileURLToPath(new URL('.', import.meta.url));
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const dir = mkdtempSync(join(here, 'consumer-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// tsc over zod's full .d.ts takes tens of seconds on a loaded machine.
describe('the published .d.ts are valid TypeScript for a consumer with skipLibCheck false', { timeout: 240_000 }, () => {
  for (const [module, ext] of [
    ['nodenext', 'mts'],
    ['nodenext', 'cts'],
  ] as const) {
    it(`a ${ext} consumer type-checks against dist/index.d.${ext === 'mts' ? 'ts' : 'cts'} of both packages`, () => {
      const file = join(dir, `consumer.${ext}`);
      writeFileSync(
        file,
        [
          "import type { ChildResult, ReplayOutcome, Localization as RunnerLocalization } from '@repro/replay-runner';",
          "import type { Verdict, Localization } from '@repro/verdict-core';",
          "type Tokens = ChildResult['metrics'][string];",
          "const token: Tokens = '-Infinity';",
          "const loc: Localization | undefined = undefined as Verdict['localization'];",
          'export { token, loc };',
          'export type { ReplayOutcome, RunnerLocalization };',
          '',
        ].join('\n'),
      );
      const project = join(dir, `tsconfig.${ext}.json`);
      const compilerOptions = { noEmit: true, strict: true, skipLibCheck: false, module, moduleResolution: module, target: 'es2022', types: ['node'] };
      writeFileSync(project, JSON.stringify({ compilerOptions, files: [file] }));
      const args = [tsc, '-p', project];
      let output = '';
      try {
        output = execFileSync(process.execPath, args, { encoding: 'utf8', cwd: dir });
      } catch (error) {
        output = String((error as { stdout?: string }).stdout ?? error);
      }
      expect(output).toBe('');
    });
  }
});
