import { SecretRedactor } from '@repro/replay-runner';
import { localizationFactorOptionSchema, MAX_REPLAY_COUNT, runVerdictForCell, type VerdictOptionsInput } from '@repro/use-cases';
import { z } from 'zod';
import { invalidInput } from '../../cli-error.js';
import type { CommandContext } from '../../command-context.js';
import { parseFiniteNumber, parseInteger } from '../../input/parse-number-list.js';
import { inputName, readJsonInput } from '../../input/read-input.js';
import type { CliEvent } from '../../output/log-format.js';
import { printJson } from '../../output/print-json.js';
import { createProgressReporter } from '../../output/progress-reporter.js';
import { writeOutputFile } from '../../output/write-output-file.js';
import { pinFromFlags, type ReplayFlags, replayCommandFromFlags, timeoutSecondsFromFlags } from '../../replay/replay-flags.js';
import { withStoreFromCli } from '../../store/open-store-from-cli.js';
import type { StoreFlags } from '../../store/store-options.js';
import { replayProgressNote } from '../../use-cases/replay-progress-line.js';
import { useCaseCliError } from '../../use-cases/use-case-cli-error.js';
import { parseDimensionList } from './parse-dimension-list.js';
import { renderExplanation, renderLocalization, renderReplayContext, renderReplays, replayWarnings, shellLine } from './render-verdict-explanation.js';
import { renderVerdict } from './render-verdicts.js';
import { verdictExitCode } from './verdict-exit-code.js';

export interface VerdictRunFlags extends StoreFlags, ReplayFlags {
  cell: string;
  metric: string;
  imageSha?: string;
  epsNum?: string;
  replays?: string;
  parallel?: boolean;
  sequential?: boolean;
  parityDims?: string;
  epsProdThreshold?: string;
  localize?: boolean;
  unpinned?: boolean;
  replaysPerFactor?: string;
  factors?: string;
  factorsFile?: string;
  out?: string;
  events?: boolean;
  json?: boolean;
}

/** The flag of each verdict option. */
const VERDICT_FLAGS: Readonly<Record<string, string>> = {
  cell: '--cell',
  metric: '--metric',
  image_sha: '--image-sha',
  eps_num: '--eps-num',
  parity_dims: '--parity-dims',
  replays: '--sequential',
  replay_count: '--replays',
  hash_seed: '--hash-seed',
  threads: '--threads',
  timeout_s: '--timeout',
  pin_mode: '--unpinned',
  localize: '--localize',
  replays_per_factor: '--replays-per-factor',
  factors: '--factors',
  extra_factors: '--factors-file',
  eps_prod_relative_threshold: '--eps-prod-threshold',
};

/** `--factors-file`: a JSON array of factors (data) added to the catalogue. Malformed → exit 2 naming the file and the entry. */
async function extraFactorsFromFile(ctx: CommandContext, source: string): Promise<VerdictOptionsInput['extra_factors']> {
  const document = await readJsonInput(ctx, source);
  const parsed = z.array(localizationFactorOptionSchema).safeParse(document);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const where = issue.path.length === 0 ? '(root)' : issue.path.map(String).join('.');
  const message = `${inputName(source)}: ${where}: ${issue.code === 'invalid_type' && issue.path.length === 0 ? 'expected a JSON array of factors' : issue.message}`;
  throw invalidInput(message, { error: { code: 'invalid_factors_file', message, file: inputName(source), field: where } });
}

/** The flags as the use case's options (numbers and lists through the CLI's parsers). */
async function verdictOptionsFromFlags(ctx: CommandContext, opts: VerdictRunFlags, localize: VerdictOptionsInput['localize']): Promise<VerdictOptionsInput> {
  if (opts.parallel && opts.sequential) {
    const message = '--parallel and --sequential exclude each other';
    throw invalidInput(message, { error: { code: 'invalid_flag', flag: '--sequential', message } });
  }
  const imageSha = opts.imageSha ?? ctx.io.env.REPRO_IMAGE_SHA;
  const pin = pinFromFlags(opts);
  const factors = opts.factors?.split(',').map((id) => id.trim());
  return {
    cell: opts.cell,
    metric: opts.metric,
    ...(imageSha === undefined || imageSha === '' ? {} : { image_sha: imageSha }),
    ...(opts.epsNum === undefined ? {} : { eps_num: parseFiniteNumber('--eps-num', opts.epsNum, { min: 0 }) }),
    ...(opts.parityDims === undefined ? {} : { parity_dims: parseDimensionList(opts.parityDims) }),
    replays: opts.sequential ? 'sequential' : 'parallel',
    replay_count: parseInteger('--replays', opts.replays ?? '2', 2, MAX_REPLAY_COUNT),
    hash_seed: pin.hashSeed,
    threads: pin.threads,
    timeout_s: timeoutSecondsFromFlags(opts),
    pin_mode: opts.unpinned ? 'uncapped' : 'pinned',
    localize,
    ...(opts.replaysPerFactor === undefined ? {} : { replays_per_factor: parseInteger('--replays-per-factor', opts.replaysPerFactor, 1, 50) }),
    ...(factors === undefined ? {} : { factors }),
    ...(opts.factorsFile === undefined ? {} : { extra_factors: await extraFactorsFromFile(ctx, opts.factorsFile) }),
    ...(opts.epsProdThreshold === undefined ? {} : { eps_prod_relative_threshold: parseFiniteNumber('--eps-prod-threshold', opts.epsProdThreshold, { min: 0 }) }),
  };
}

/** The prefix of a progress note past the K replays (those keep the plain note). */
const PHASE_PREFIX = { replays: '', localize: 'localize: ', thread_check: "at the canonical's threads: " } as const;

/**
 * `repro verdict run` / `repro verdict localize`: parse the flags, run the verdict use case on the CLI's
 * store (localising when asked), render the verdict, why, the replays (failures with their stderr), the
 * localisation and the next step.
 */
export async function runVerdictRun(ctx: CommandContext, argv: string[], opts: VerdictRunFlags, mode: { localize?: 'always' } = {}): Promise<void> {
  const localize = mode.localize ?? (opts.localize ? 'on_failure' : false);
  const options = await verdictOptionsFromFlags(ctx, opts, localize);
  const command = await replayCommandFromFlags(ctx, argv, opts);
  const emit = opts.events ? (event: CliEvent) => ctx.emitEvent(event) : undefined;
  const progress = createProgressReporter(ctx.io, `verdict ${mode.localize ? 'localize' : 'run'} (${opts.cell}, ${opts.metric})`);

  const decided = await withStoreFromCli(ctx, opts, async (store) => {
    try {
      return await runVerdictForCell(options, command, {
        store,
        now: () => ctx.now(),
        redactor: SecretRedactor.fromEnvironment(ctx.io.env),
        signal: ctx.io.interrupts(),
        onProgress: (p) => progress.update(p.done, p.total, `${PHASE_PREFIX[p.phase ?? 'replays']}${replayProgressNote(p, opts.metric)}`),
        ...(emit ? { emit } : {}),
      });
    } catch (error) {
      throw useCaseCliError(error, VERDICT_FLAGS);
    } finally {
      progress.finish();
    }
  });

  const { verdict, outcomes, thread_check: threadCheck, localization_error: localizationError } = decided;
  const first = outcomes?.[0];
  for (const warning of first === undefined ? [] : replayWarnings(first)) ctx.warn(warning);
  if (opts.unpinned) ctx.warn('--unpinned: the replays ran as production runs (no hash seed, no thread caps); this verdict shows what pinning prevents, not replay fidelity');
  if (localizationError !== null) ctx.warn(`no localisation: ${localizationError}`);
  const outPath = opts.out === undefined ? undefined : await writeOutputFile(ctx, '--out', opts.out, `${JSON.stringify(verdict, null, 2)}\n`);
  if (opts.json) printJson(ctx.io, verdict);
  else {
    ctx.io.stdout(renderVerdict(verdict));
    if (first !== undefined) ctx.io.stdout(renderReplayContext(first));
    ctx.io.stdout(renderReplays([...(outcomes ?? []), ...(threadCheck === null ? [] : [threadCheck])], opts.metric));
    if (verdict.localization !== undefined) ctx.io.stdout(renderLocalization(verdict.localization));
    // The next step repeats what locates the cell: --image-sha, --cwd, and the command.
    const locating = [...(options.image_sha === undefined ? [] : ['--image-sha', options.image_sha]), ...(opts.cwd === undefined ? [] : ['--cwd', opts.cwd]), '--', ...argv];
    ctx.io.stdout(renderExplanation(verdict, shellLine(locating)));
    if (outPath !== undefined) ctx.io.stdout(`artefact: ${outPath}\n`);
  }
  ctx.setExitCode(verdictExitCode(verdict.verdict));
}
