import { assessObservation, DEFAULT_PARITY_DIMS, parseObservations, VerdictInputError } from '@repro/verdict-core';
import type { Command } from 'commander';
import { invalidInput } from '../../cli-error.js';
import type { CommandContext } from '../../command-context.js';
import { EXIT } from '../../exit-codes.js';
import { inputName, readJsonInput } from '../../input/read-input.js';
import { printJson } from '../../output/print-json.js';
import { parseDimensionList } from './parse-dimension-list.js';
import { renderVerdict, renderVerdictTable } from './render-verdicts.js';
import { addFromStoreOptions, checkInputMode, decideFromStore, type FromStoreOptions } from './verdict-decide-from-store.js';
import { verdictExitCode } from './verdict-exit-code.js';

interface DecideOptions extends FromStoreOptions {
  json?: boolean;
  parityDims: string;
}

/**
 * `repro verdict decide --input FILE|- [--json] [--parity-dims …]`: the frozen verdict rule on already
 * collected observations (one object or an array). Exit code of a single verdict: 0 / 10 / 11 / 12;
 * an array: 0. Invalid input: 2, naming the field. `--from-store`: see verdict-decide-from-store.ts.
 */
export function registerVerdictDecideCommand(verdict: Command, ctx: CommandContext): void {
  const decide = verdict
    .command('decide')
    .description('decide verdicts from collected observations (replays A and B, canonical run, eps_prod), no I/O beyond the input')
    .option('--input <file>', 'observation JSON: one object or an array; - reads stdin (required without --from-store)')
    .option('--parity-dims <dims>', 'required P0 dimensions, comma-separated', DEFAULT_PARITY_DIMS.join(','))
    .option('--json', 'print the Verdict object (or array) as one JSON document')
    .addHelpText(
      'after',
      `
Input (one object or an array):
  {"cell": "defi_top5/fold-3", "metric": "f1_buy", "eps_num": 1e-9,
   "replay_a": {"value": 0.61, "fingerprint": {"build_sha": "abc", "instance_type": null}},
   "replay_b": {"value": 0.61},
   "canonical": {"run_id": "r1", "value": 0.6101, "provenance": {"build_sha": "abc"}},
   "eps_prod": {"value": 0.002, "image_sha": "sha256:…"}}
  A replay is {"value": number|null|"NaN"|"Infinity"|"-Infinity"} or {"error": "…"};
  canonical and eps_prod may be null.

Exit codes (single observation): 0 FIDELITY_OK, 10 NON_DETERMINISTIC, 11 CANONICAL_DIVERGENCE,
12 INCONCLUSIVE_TOOLING; an array: 0; invalid input: 2.

With --from-store (instead of --input): the canonical and eps_prod come from the store (--db), replays A
and B from --replay-a/--replay-b (one replay object each), and the verdict is saved to the history.`,
    );
  addFromStoreOptions(decide).action(async (opts: DecideOptions) => {
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
    const verdicts = parsed.observations.map(
      (observation) => assessObservation(observation, { decidedAt, parityDims, emit: (event) => ctx.emitEvent(event) }).verdict,
    );
    if (opts.json) printJson(ctx.io, parsed.many ? verdicts : verdicts[0]);
    else ctx.io.stdout(parsed.many ? renderVerdictTable(verdicts) : renderVerdict(verdicts[0]!));
    ctx.setExitCode(parsed.many ? EXIT.OK : verdictExitCode(verdicts[0]!.verdict));
  });
}
