import { readVerdictReferences } from '@repro/use-cases';
import { assessObservation, DEFAULT_EPS_NUM, parseObservations, type Verdict, VerdictInputError } from '@repro/verdict-core';
import { invalidInput } from '../../cli-error.js';
import type { CommandContext } from '../../command-context.js';
import { parseFiniteNumber } from '../../input/parse-number-list.js';
import { inputName, readJsonInput } from '../../input/read-input.js';
import { printJson } from '../../output/print-json.js';
import { withStoreFromCli } from '../../store/open-store-from-cli.js';
import { renderVerdict } from './render-verdicts.js';
import type { DecideOptions } from './verdict-decide-command.js';
import { verdictExitCode } from './verdict-exit-code.js';

/** The flags of `verdict decide --from-store` (those of `verdict decide`). */
export type FromStoreOptions = DecideOptions;

const STORE_ONLY_FLAGS: readonly [keyof FromStoreOptions, string][] = [
  ['cell', '--cell'],
  ['metric', '--metric'],
  ['imageSha', '--image-sha'],
  ['replayA', '--replay-a'],
  ['replayB', '--replay-b'],
  ['epsNum', '--eps-num'],
  ['db', '--db'],
  ['dbSchema', '--db-schema'],
];

/** Without --from-store: --input is required and the store-only flags make no sense (exit 2, naming them). */
export function checkInputMode(opts: FromStoreOptions): string {
  for (const [key, flag] of STORE_ONLY_FLAGS) {
    if (opts[key] !== undefined) throw invalidInput(`${flag} needs --from-store`, { error: 'invalid_flag', flag });
  }
  if (opts.input === undefined) throw invalidInput('--input is required (or decide from the store with --from-store)', { error: 'invalid_flag', flag: '--input' });
  return opts.input;
}

function required(opts: FromStoreOptions, key: 'cell' | 'metric' | 'imageSha' | 'replayA' | 'replayB', flag: string): string {
  const value = opts[key];
  if (value === undefined) throw invalidInput(`--from-store needs ${flag}`, { error: 'invalid_flag', flag });
  return value;
}

/** A verdict-core input field (`replay_a.value`) as where the user wrote it (`a.json: value`). */
function observationFieldName(field: string, files: { replayA: string; replayB: string }): string {
  for (const [key, file] of [
    ['replay_a', files.replayA],
    ['replay_b', files.replayB],
  ] as const) {
    if (field === key) return inputName(file);
    if (field.startsWith(`${key}.`)) return `${inputName(file)}: ${field.slice(key.length + 1)}`;
  }
  return field === 'image_sha' ? '--image-sha' : `--${field.replaceAll('_', '-')}`;
}

/**
 * `repro verdict decide --from-store --cell C --metric M --image-sha SHA --replay-a FILE --replay-b FILE
 * [--eps-num X] [--parity-dims …] [--json]`: the canonical (with its P0 provenance) and eps_prod of the
 * image SHA are read from the store; the verdict is decided by verdict-core, saved to the verdict
 * history, printed, and its exit code is that of `verdict decide` (0 / 10 / 11 / 12). No canonical →
 * INCONCLUSIVE_TOOLING canonical_absent; no measured eps_prod → epsilon_prod_unmeasured.
 */
export async function decideFromStore(ctx: CommandContext, opts: FromStoreOptions, parityDims: readonly string[]): Promise<void> {
  if (opts.input !== undefined) throw invalidInput('--input and --from-store exclude each other', { error: 'invalid_flag', flag: '--input' });
  const cell = required(opts, 'cell', '--cell');
  const metric = required(opts, 'metric', '--metric');
  const imageSha = required(opts, 'imageSha', '--image-sha');
  const files = { replayA: required(opts, 'replayA', '--replay-a'), replayB: required(opts, 'replayB', '--replay-b') };
  if (files.replayA === '-' && files.replayB === '-') throw invalidInput('--replay-a and --replay-b cannot both read stdin', { error: 'invalid_flag', flag: '--replay-b' });
  const epsNum = opts.epsNum === undefined ? DEFAULT_EPS_NUM : parseFiniteNumber('--eps-num', opts.epsNum, { min: 0 });
  const replayA = await readJsonInput(ctx, files.replayA);
  const replayB = await readJsonInput(ctx, files.replayB);

  const verdict: Verdict = await withStoreFromCli(
    ctx,
    opts,
    async (store) => {
      const references = await readVerdictReferences(store, { cell, metric, image_sha: imageSha });
      let observation: ReturnType<typeof parseObservations>['observations'][number];
      try {
        observation = parseObservations({
          cell,
          metric,
          eps_num: epsNum,
          replay_a: replayA,
          replay_b: replayB,
          ...references,
        }).observations[0]!;
      } catch (error) {
        if (!(error instanceof VerdictInputError)) throw error;
        const field = observationFieldName(error.field, files);
        const message = `${field}: ${error.message.slice(error.field.length + 2)}`;
        throw invalidInput(message, { error: 'invalid_observation', field, message });
      }
      const decided = assessObservation(observation, { decidedAt: ctx.now().toISOString(), parityDims, emit: (event) => ctx.emitEvent(event) }).verdict;
      await store.saveVerdict(decided);
      return decided;
    },
    { fieldName: (field) => observationFieldName(field, files) },
  );
  if (opts.json) printJson(ctx.io, verdict);
  else ctx.io.stdout(renderVerdict(verdict));
  ctx.setExitCode(verdictExitCode(verdict.verdict));
}
