import { definitionDepthProblem } from '@repro/sf-topology/validate';
import { invalidInput } from '../../cli-error.js';
import type { CommandContext } from '../../command-context.js';
import { readJsonInput } from '../../input/read-input.js';

/** Read FILE (relative to the CLI's cwd) as a JSON object. Unreadable, not JSON or nested too deeply to analyse → exit 2, naming the file. */
export async function readDefinitionFile(ctx: CommandContext, file: string): Promise<Record<string, unknown>> {
  const value = await readJsonInput(ctx, file);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalidInput(`${file}: not a state machine definition (the top level must be a JSON object)`, { file, error: 'not_an_object' });
  }
  const tooDeep = definitionDepthProblem(value);
  if (tooDeep !== null) throw invalidInput(`${file}: ${tooDeep}`, { file, error: 'too_deep' });
  return value as Record<string, unknown>;
}
