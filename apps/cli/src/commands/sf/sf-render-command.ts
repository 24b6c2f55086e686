import { renderMermaid } from '@repro/sf-topology';
import type { Command } from 'commander';
import { invalidInput } from '../../cli-error.js';
import type { CommandContext } from '../../command-context.js';
import { readDefinitionFile } from './read-definition-file.js';

/** `repro sf render FILE [--format mermaid]`. */
export function registerSfRenderCommand(sf: Command, ctx: CommandContext): void {
  sf.command('render')
    .description('render a definition as a Mermaid flowchart (a subgraph per Parallel branch / Map processor)')
    .argument('<file>', 'state machine definition (JSON)')
    .option('--format <format>', 'output format (mermaid)', 'mermaid')
    .action(async (file: string, opts: { format: string }) => {
      if (opts.format !== 'mermaid') throw invalidInput(`--format ${opts.format}: the only format is mermaid`);
      const definition = await readDefinitionFile(ctx, file);
      ctx.io.stdout(renderMermaid(definition));
    });
}
