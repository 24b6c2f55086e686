import { ParallelizeError, parallelize } from '@repro/sf-topology';
import { CliError, invalidInput } from '../../cli-error.js';
import type { CommandContext } from '../../command-context.js';
import { EXIT } from '../../exit-codes.js';
import { printJson } from '../../output/print-json.js';
import { writeOutputFile } from '../../output/write-output-file.js';
import { readDefinitionFile } from './read-definition-file.js';
import type { ParallelizeOptions } from './sf-parallelize-command.js';

const list = (text: string) => text.split(',').map((s) => s.trim()).filter((s) => s !== '');

function parseBranches(specs: readonly string[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const spec of specs) {
    const eq = spec.indexOf('=');
    if (eq <= 0) throw invalidInput(`--branch ${JSON.stringify(spec)}: expected NAME=STATE1,STATE2,…`, { error: 'invalid_flag', flag: '--branch' });
    const name = spec.slice(0, eq).trim();
    if (Object.hasOwn(out, name)) throw invalidInput(`--branch ${name} is given twice`, { error: 'invalid_flag', flag: '--branch' });
    out[name] = list(spec.slice(eq + 1));
  }
  return out;
}

/** Rewrite a chain of top-level states into a Parallel with per-branch error isolation. */
export async function runSfParallelize(ctx: CommandContext, file: string, opts: ParallelizeOptions): Promise<void> {
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
      // options or a definition that cannot be read are bad input (2); a definition it cannot split safely is a refusal (1)
      const exit = error.code === 'INVALID_OPTIONS' || error.code === 'INVALID_DEFINITION' ? EXIT.INVALID_INPUT : EXIT.FAILURE;
      throw new CliError(`${file}: parallelize refused (${error.code}): ${error.message}`, exit, {
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
    ctx.progress(`wrote ${opts.out}: ${result.parallelState} runs ${result.branches.map((b) => `${b.name} (${b.states.length} states)`).join(', ')}`);
  }
  if (opts.json) {
    printJson(ctx.io, {
      definition: result.definition,
      parallel_state: result.parallelState,
      branches: result.branches,
      removed_states: result.removedStates,
      warnings: result.warnings,
      out: opts.out ?? null,
    });
  } else if (opts.out === undefined) {
    ctx.io.stdout(text);
  }
  for (const w of result.warnings) ctx.warn(`${w.code}: ${w.message}`);
  if (result.removedStates.length > 0) {
    ctx.warn(`removed ${result.removedStates.join(', ')}: only the chain reached them (pass --failure-handler to keep a failure notifier)`);
  }
}
