import { renderMermaid } from '@repro/sf-topology';
import { invalidInput } from '../../cli-error.js';
import type { CommandContext } from '../../command-context.js';
import { printJson } from '../../output/print-json.js';
import { readDefinitionFile } from './read-definition-file.js';
import type { RenderOptions } from './sf-render-command.js';

/** A definition as a Mermaid flowchart. */
export async function runSfRender(ctx: CommandContext, file: string, opts: RenderOptions): Promise<void> {
  if (opts.format !== 'mermaid') throw invalidInput(`--format ${opts.format}: the only format is mermaid`, { error: 'invalid_flag', flag: '--format' });
  const definition = await readDefinitionFile(ctx, file);
  const text = renderMermaid(definition);
  if (opts.json) printJson(ctx.io, { format: opts.format, text });
  else ctx.io.stdout(text);
}
