import { assessObservation, parseObservations, VerdictInputError } from '@repro/verdict-core';
import { invalidInput } from '../../cli-error.js';
import type { CommandContext } from '../../command-context.js';
import { EXIT } from '../../exit-codes.js';
import { inputName, readJsonInput } from '../../input/read-input.js';
import { printJson } from '../../output/print-json.js';
import { parseDimensionList } from './parse-dimension-list.js';
import { renderVerdict, renderVerdictTable } from './render-verdicts.js';
import type { DecideOptions } from './verdict-decide-command.js';
import { checkInputMode, decideFromStore } from './verdict-decide-from-store.js';
import { verdictExitCode } from './verdict-exit-code.js';

/** The frozen verdict rule on collected observations, or (--from-store) on replays plus the store's references. */
export async function runVerdictDecide(ctx: CommandContext, opts: DecideOptions): Promise<void> {
  const parityDims = parseDimensionList(opts.parityDims);
  if (opts.fromStore) return decideFromStore(ctx, opts, parityDims);
  const input = checkInputMode(opts);
  const document = await readJsonInput(ctx, input);
  let parsed: ReturnType<typeof parseObservations>;
  try {
    parsed = parseObservations(document);
  } catch (error) {
    if (error instanceof VerdictInputError) {
      throw invalidInput(`${inputName(input)}: ${error.message}`, { error: 'invalid_observation', file: inputName(input), field: error.field, message: error.message });
    }
    throw error;
  }
  const decidedAt = ctx.now().toISOString();
  const verdicts = parsed.observations.map((observation) => assessObservation(observation, { decidedAt, parityDims, emit: (event) => ctx.emitEvent(event) }).verdict);
  if (opts.json) printJson(ctx.io, parsed.many ? verdicts : verdicts[0]);
  else ctx.io.stdout(parsed.many ? renderVerdictTable(verdicts) : renderVerdict(verdicts[0]!));
  ctx.setExitCode(parsed.many ? EXIT.OK : verdictExitCode(verdicts[0]!.verdict));
}
