import { ExplainError, explainFailure } from '@repro/sf-topology';
import { invalidInput } from '../../cli-error.js';
import type { CommandContext } from '../../command-context.js';
import { printJson } from '../../output/print-json.js';
import { renderKeyValues, renderTable } from '../../output/render-table.js';
import { readDefinitionFile } from './read-definition-file.js';
import type { ExplainOptions } from './sf-explain-command.js';

/** Where an execution goes, and ends, if a state fails. */
export async function runSfExplain(ctx: CommandContext, file: string, opts: ExplainOptions): Promise<void> {
  const definition = await readDefinitionFile(ctx, file);
  let explanation: ReturnType<typeof explainFailure>;
  try {
    explanation = explainFailure(definition, opts.fail, { error: opts.error });
  } catch (error) {
    if (error instanceof ExplainError) throw invalidInput(`${file}: ${error.message}`, { error: error.code, message: error.message });
    throw error;
  }
  if (opts.json) {
    printJson(ctx.io, explanation);
    return;
  }
  ctx.io.stdout(renderTable(['#', 'state', 'event', 'detail'], explanation.steps.map((s, i) => [i + 1, s.state, s.event, s.detail])));
  ctx.io.stdout('\n');
  ctx.io.stdout(
    renderKeyValues([
      ['outcome', explanation.outcome.status],
      ['ends at', explanation.outcome.endState],
      ['error', explanation.outcome.error],
      ['cause', explanation.outcome.cause],
      ['cancels', explanation.cancelledBranches.length > 0 ? explanation.cancelledBranches.join('; ') : 'no sibling branch'],
    ]),
  );
  for (const a of explanation.assumptions) ctx.io.stdout(`assumes: ${a}\n`);
}
