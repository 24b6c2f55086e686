import type { Command } from 'commander';
import type { CommandContext } from '../../command-context.js';

export interface RenderOptions {
  format: string;
  json?: boolean;
}

/** `repro sf render FILE [--format mermaid] [--json]`. */
export function registerSfRenderCommand(sf: Command, ctx: CommandContext): void {
  sf.command('render')
    .description('render a definition as a Mermaid flowchart (a subgraph per Parallel branch / Map processor)')
    .argument('<file>', 'state machine definition (JSON)')
    .option('--format <format>', 'output format (mermaid)', 'mermaid')
    .option('--json', 'print {format, text} as one JSON document')
    .action(async (file: string, opts: RenderOptions) => (await import('./sf-render-action.js')).runSfRender(ctx, file, opts));
}
