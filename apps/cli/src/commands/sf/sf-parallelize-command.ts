import { ParallelizeError, parallelize } from '@repro/sf-topology';
import type { Command } from 'commander';
import { CliError, invalidInput } from '../../cli-error.js';
import type { CommandContext } from '../../command-context.js';
import { EXIT } from '../../exit-codes.js';
import { writeOutputFile } from '../../output/write-output-file.js';
import { readDefinitionFile } from './read-definition-file.js';

const list = (text: string) => text.split(',').map((s) => s.trim()).filter((s) => s !== '');

function collectBranch(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function parseBranches(specs: readonly string[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const spec of specs) {
    const eq = spec.indexOf('=');
    if (eq <= 0) throw invalidInput(`--branch ${JSON.stringify(spec)}: expected NAME=STATE1,STATE2,…`);
    const name = spec.slice(0, eq).trim();
    if (Object.hasOwn(out, name)) throw invalidInput(`--branch ${name} is given twice`);
    out[name] = list(spec.slice(eq + 1));
  }
  return out;
}

/** `repro sf parallelize FILE --chain … --branch A=… --branch B=… [--name N] [--failure-handler S] [--out FILE]`. */
export function registerSfParallelizeCommand(sf: Command, ctx: CommandContext): void {
  sf.command('parallelize')
    .description('rewrite a contiguous chain of top-level states into a Parallel with per-branch error isolation')
    .argument('<file>', 'state machine definition (JSON)')
    .requiredOption('--chain <states>', 'the chain: top-level states in execution order, comma-separated')
    .option('--branch <name=states>', 'a group of the chain run as one branch (repeat, two or more)', collectBranch, [] as string[])
    .option('--name <name>', 'name of the new Parallel state')
    .option('--failure-handler <state>', 'existing top-level state to route failures to (default: new Fail states naming the branch)')
    .option('--out <file>', 'write the new definition here instead of stdout')
    .action(async (file: string, opts: { chain: string; branch: string[]; name?: string; failureHandler?: string; out?: string }) => {
      const definition = await readDefinitionFile(ctx, file);
      const branches = parseBranches(opts.branch);
      let result: ReturnType<typeof parallelize>;
      try {
        result = parallelize(definition, {
          chain: list(opts.chain),
          branches,
          ...(opts.name === undefined ? {} : { name: opts.name }),
          ...(opts.failureHandler === undefined ? {} : { failureHandler: opts.failureHandler }),
        });
      } catch (error) {
        if (error instanceof ParallelizeError) {
          throw new CliError(`${file}: parallelize refused (${error.code}): ${error.message}`, EXIT.FAILURE, {
            error: error.code,
            message: error.message,
            diagnostics: error.diagnostics,
          });
        }
        throw error;
      }
      const text = `${JSON.stringify(result.definition, null, 2)}\n`;
      if (opts.out !== undefined) {
        await writeOutputFile(ctx, '--out', opts.out, text);
        ctx.io.stderr(`repro: wrote ${opts.out}: ${result.parallelState} runs ${result.branches.map((b) => `${b.name} (${b.states.length} states)`).join(', ')}\n`);
      } else {
        ctx.io.stdout(text);
      }
      for (const w of result.warnings) ctx.io.stderr(`repro: warning: ${w.code}: ${w.message}\n`);
      if (result.removedStates.length > 0) {
        ctx.io.stderr(`repro: removed ${result.removedStates.join(', ')}: only the chain reached them (pass --failure-handler to keep a failure notifier)\n`);
      }
    });
}
