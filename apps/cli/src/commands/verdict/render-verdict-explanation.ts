import type { ReplayOutcome } from '@repro/replay-runner';
import { explainVerdict, type Localization, type Verdict } from '@repro/verdict-core';
import { renderTable } from '../../output/render-table.js';

/** A command line as a person would type it (single-quoted where the shell needs it). */
export function shellLine(argv: readonly string[]): string {
  return argv.map((arg) => (/^[A-Za-z0-9_@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", "'\\''")}'`)).join(' ');
}

/** What to do next after this verdict, as a command to run where one applies (`replayed`: the flags that locate the cell and `-- CMD…`). */
export function nextStep(verdict: Verdict, replayed: string): string {
  const cell = `--cell ${shellLine([verdict.cell])} --metric ${shellLine([verdict.metric])}`;
  const localize = `repro verdict localize ${cell} ${replayed}`;
  if (verdict.localization !== undefined) {
    return verdict.localization.how_to_pin === null
      ? 'no single varied factor moves the metric: look for a cause outside the catalogue (add it with --factors-file)'
      : `pin ${verdict.localization.culprit} (${verdict.localization.how_to_pin}), then run the verdict again`;
  }
  if ((verdict.warnings ?? []).length > 0) return `find the factor the pins hide: ${localize}`;
  switch (verdict.verdict) {
    case 'FIDELITY_OK':
      return 'nothing: the cell replays faithfully';
    case 'NON_DETERMINISTIC':
      return `find which factor moves the metric: ${localize}`;
    case 'CANONICAL_DIVERGENCE':
      if (verdict.cause === 'env_parity_gap') return 'replay on the canonical run’s environment, or record a new canonical from this one (repro canonical record --from-run)';
      return verdict.divergence_source?.source === 'thread_caps'
        ? 'pin the thread count in production, or record the canonical with the same caps (repro canonical record --from-run)'
        : 'review the code or data change since the canonical run (build shas above)';
    case 'INCONCLUSIVE_TOOLING':
      switch (verdict.reason) {
        case 'replay_error':
          return 'fix the failure shown above (the replay’s stderr), then run the verdict again';
        case 'canonical_absent':
          return `record a canonical run: repro canonical record ${cell} --run-id <id> --from-run --promote ${replayed.replace(/^--image-sha \S+ /, '')}`;
        case 'epsilon_prod_unmeasured':
          return `measure eps_prod: repro envelope measure ${cell} --image-sha ${verdict.eps_prod_image_sha ?? '<sha>'} -n 10 ${replayed.replace(/^--image-sha \S+ /, '')}`;
        default:
          return 'record the missing P0 dimensions on both sides: run inside the training code’s git checkout (--cwd) or give --build-sha; pass INSTANCE_TYPE with --pass-env';
      }
  }
}

/** The localisation, ranked: one row per factor (moved first, largest max_delta first). */
export function renderLocalization(localization: Localization): string {
  const rows = localization.factors.map((f) => [f.factor, f.moved ? 'yes' : 'no', f.max_delta, f.values.map(String).join(' '), f.error ?? null] as const);
  return `localisation (baseline ${localization.baseline_value}, ${localization.replays_per_factor} replays per factor):\n${renderTable(['factor', 'moved', 'max |Δ|', 'values', 'error'], rows)}`;
}

/** One line per replay (value or failure), each failure followed by the child's stderr tail. */
export function renderReplays(outcomes: readonly ReplayOutcome[], metric: string): string {
  return outcomes
    .map((outcome) => {
      const seconds = `(${(outcome.durationMs / 1000).toFixed(1)} s)`;
      if (outcome.ok) return `replay ${outcome.label}: ${metric} = ${outcome.metrics[metric]} ${seconds}\n`;
      const reported = outcome.error.reportedMetrics === undefined ? '' : ` (reported: ${outcome.error.reportedMetrics.join(', ') || 'none'})`;
      const tail = outcome.error.stderrTail ? `  stderr (last lines):\n${outcome.error.stderrTail.replace(/^/gm, '    ')}\n` : '';
      return `replay ${outcome.label}: ${outcome.error.kind}: ${outcome.error.message}${reported} ${seconds}\n${tail}`;
    })
    .join('');
}

/** The verdict's sentences (verdict-core's `explainVerdict`) and the next step. */
export function renderExplanation(verdict: Verdict, replayed: string): string {
  return `\n${explainVerdict(verdict)}\nnext: ${nextStep(verdict, replayed)}\n`;
}

/** Where the replay ran and what it was given: command, working directory, build sha and its source, numeric variables passed through. */
export function renderReplayContext(outcome: ReplayOutcome): string {
  const sha = outcome.buildSha;
  const source = sha.source === null ? 'none found: give --build-sha or run inside the training code’s git checkout (--cwd)' : `${sha.source}${sha.checkout ? ` ${sha.checkout}` : ''}${sha.dirty ? ', uncommitted changes' : ''}`;
  const numeric = Object.keys(outcome.effectiveKnobs).filter((name) => !Object.hasOwn(outcome.requestedKnobs, name));
  return [
    `replayed: ${shellLine(outcome.argv)}`,
    `in: ${outcome.cwd}`,
    `build_sha: ${sha.sha ?? '—'} (${source})`,
    ...(numeric.length > 0 ? [`numeric variables passed through (recorded): ${numeric.map((name) => `${name}=${outcome.effectiveKnobs[name]}`).join(', ')}`] : []),
  ]
    .map((line) => `${line}\n`)
    .join('');
}

/** Warnings a person must see (stderr): numeric variables dropped, a build sha that does not describe the code. */
export function replayWarnings(outcome: ReplayOutcome): string[] {
  const warnings: string[] = [];
  if (outcome.droppedEnv.length > 0) warnings.push(`numeric variables dropped from the replay (--drop-numeric-env): ${outcome.droppedEnv.join(', ')}`);
  if (outcome.buildSha.dirty) warnings.push(`the checkout ${outcome.buildSha.checkout} has uncommitted changes: build_sha ${outcome.buildSha.sha} does not describe the code replayed`);
  if (outcome.buildSha.sha === null) warnings.push('no build_sha: the command’s script and --cwd are in no git checkout and neither --build-sha nor $BUILD_SHA is set (P0 build_sha is missing)');
  return warnings;
}
