import type { Command } from 'commander';
import type { CommandContext } from '../../command-context.js';
import { addStoreOptions, type StoreFlags } from '../../store/store-options.js';
import { DEFAULT_EPS_NUM_VALUE, DEFAULT_PARITY_DIMENSIONS } from '../../verdict-defaults.js';

/** The flags of `verdict decide` (with or without --from-store). */
export interface DecideOptions extends StoreFlags {
  input?: string;
  fromStore?: boolean;
  cell?: string;
  metric?: string;
  imageSha?: string;
  replayA?: string;
  replayB?: string;
  epsNum?: string;
  parityDims: string;
  json?: boolean;
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
    .option('--parity-dims <dims>', 'required P0 dimensions, comma-separated', DEFAULT_PARITY_DIMENSIONS.join(','))
    .option('--json', 'print the Verdict object (or array) as one JSON document')
    .option('--from-store', 'decide one (cell, metric) with the canonical and eps_prod read from the store, and save the verdict to its history')
    .option('--cell <cell>', 'with --from-store: the training cell')
    .option('--metric <metric>', 'with --from-store: the metric name')
    .option('--image-sha <sha>', 'with --from-store: the production image SHA whose eps_prod applies')
    .option('--replay-a <file>', 'with --from-store: replay A, one replay object {"value": …, "fingerprint": {…}} or {"error": "…"}')
    .option('--replay-b <file>', 'with --from-store: replay B, one replay object')
    .option('--eps-num <x>', `with --from-store: the numerical threshold eps_num (default ${DEFAULT_EPS_NUM_VALUE})`)
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
  addStoreOptions(decide).action(async (opts: DecideOptions) => (await import('./verdict-decide-action.js')).runVerdictDecide(ctx, opts));
}
