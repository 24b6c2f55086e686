import type { Command } from 'commander';

/** The flags `verdict run` and `verdict localize` share: the cell, the verdict's thresholds, the K replays, the output. */
export function addVerdictFlags(command: Command): Command {
  return command
    .requiredOption('--cell <cell>', 'the training cell, e.g. defi_top5/fold-3')
    .requiredOption('--metric <metric>', 'the metric the command reports, e.g. f1_buy')
    .option('--image-sha <sha>', 'production image SHA whose eps_prod applies (default: $REPRO_IMAGE_SHA)')
    .option('--eps-num <x>', 'the numerical threshold eps_num (default: 1e-9)')
    .option('--replays <k>', 'K: pinned replays compared (default 2); the verdict states the rarest disagreement K catches at 95 %')
    .option('--parallel', 'run the replays two at a time (the default: about half the wall time at 2× CPU)')
    .option('--sequential', 'run the replays one after the other (1 CPU at a time)')
    .option('--parity-dims <dims>', 'required P0 dimensions, comma-separated (default: build_sha,instance_type,os,lib_versions)')
    .option('--eps-prod-threshold <share>', 'warn when eps_prod exceeds this share of |metric| (masked dependence; default 0.05)')
    .option('--out <file>', 'also write the Verdict artefact (JSON) to this file')
    .option('--events', 'print the verdict, replay and localisation events as JSON lines (or logfmt) on stderr')
    .option('--json', 'print the Verdict (with its localization, warnings, power, failures) as one JSON document');
}

/** The localisation flags: K per factor, which factors, factors added as data. */
export function addLocalizeFlags(command: Command): Command {
  return command
    .option('--replays-per-factor <k>', 'localisation: replays per varied factor, and of the pinned baseline (default 2)')
    .option('--factors <ids>', 'localisation: only these factors, comma-separated (e.g. hash_seed,threads_all,cpu_affinity; default every one)')
    .option('--factors-file <file>', 'localisation: JSON array of factors added to the catalogue ({id, label, howToPin, knobs: {VAR: [values…]}, cpuAffinity, relocateCwd, fullParentEnv}); - reads stdin');
}

export const VERDICT_EXIT_HELP =
  'Exit codes: 0 FIDELITY_OK, 10 NON_DETERMINISTIC, 11 CANONICAL_DIVERGENCE, 12 INCONCLUSIVE_TOOLING; 2 invalid input, 3 store unavailable.';
