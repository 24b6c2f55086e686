import { readFile } from 'node:fs/promises';
import type { Options } from 'tsup';

type EsbuildPlugin = NonNullable<Options['esbuildPlugins']>[number];

const IMPORT = "import childProcess from 'node:child_process';";
const LAZY =
  "const childProcess = { spawn: (...args) => process.getBuiltinModule('node:child_process').spawn(...args) }; // repro: loaded on use";

/**
 * esbuild plugin for the CLI bundle: commander loads `node:child_process` (and with it net, dgram and the
 * socket code, ~4 ms of every start) only to spawn executable subcommands, which `repro` has none of. Its
 * one use, `childProcess.spawn`, now loads the module when called. Fails the build if commander's source
 * no longer has that import or uses child_process otherwise, rather than bundling something unchecked.
 */
export const commanderLazyChildProcess: EsbuildPlugin = {
  name: 'commander-lazy-child-process',
  setup(build) {
    build.onLoad({ filter: /[\\/]commander[\\/]lib[\\/]command\.js$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      const uses = source.match(/childProcess\.\w+/g) ?? [];
      if (!source.includes(IMPORT) || uses.some((use) => use !== 'childProcess.spawn')) {
        throw new Error(`${args.path}: commander's use of node:child_process changed (${uses.join(', ') || 'no import'}); revisit build/commander-lazy-child-process.ts`);
      }
      return { contents: source.replace(IMPORT, LAZY), loader: 'js' };
    });
  },
};
