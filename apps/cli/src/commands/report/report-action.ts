import { type EnvelopeSamples, ReportInputError, renderCellHistoryReport, renderVerdictReport } from '@repro/verdict-report';
import { invalidInput } from '../../cli-error.js';
import type { CommandContext } from '../../command-context.js';
import { inputName, readJsonInput } from '../../input/read-input.js';
import { printJson } from '../../output/print-json.js';
import { writeOutputFile } from '../../output/write-output-file.js';
import { withStoreFromCli } from '../../store/open-store-from-cli.js';
import { openInBrowser } from './open-in-browser.js';
import { parseSince } from './parse-since.js';
import { readCellHistory } from './read-cell-history.js';
import type { ReportFlags } from './report-command.js';

function exclusive(flags: ReportFlags): void {
  const fail = (message: string, flag: string) => {
    throw invalidInput(message, { error: 'invalid_flag', flag });
  };
  if ((flags.verdict === undefined) === (flags.cell === undefined)) fail('give either --verdict ARTEFACT.json or --cell C (exactly one)', '--verdict');
  if (flags.verdict !== undefined) {
    for (const [flag, value] of [['--metric', flags.metric], ['--since', flags.since]] as const) if (value !== undefined) fail(`${flag} goes with --cell, not --verdict`, flag);
  } else if (flags.envelope !== undefined) fail('--envelope goes with --verdict, not --cell (the store has the envelope of each image)', '--envelope');
}

/** A ReportInputError as exit 2, naming the file or flag the input came from. */
function reportInputError(source: string, error: unknown): unknown {
  if (!(error instanceof ReportInputError)) return error;
  return invalidInput(`${source}: ${error.message}`, { error: 'invalid_input', file: source, input: error.input, field: error.field, message: error.problem });
}

/** --envelope FILE: a JSON array of numbers, or an object with `samples` (e.g. `repro envelope show --json`). */
async function readEnvelope(ctx: CommandContext, source: string): Promise<EnvelopeSamples> {
  const json = await readJsonInput(ctx, source);
  return (Array.isArray(json) ? { samples: json } : json) as EnvelopeSamples;
}

async function renderFromArtefact(ctx: CommandContext, flags: ReportFlags & { verdict: string }): Promise<string> {
  const artefact = await readJsonInput(ctx, flags.verdict);
  const envelope = flags.envelope === undefined ? undefined : await readEnvelope(ctx, flags.envelope);
  try {
    return renderVerdictReport(artefact, envelope === undefined ? {} : { envelope });
  } catch (error) {
    const source = error instanceof ReportInputError && error.input === 'envelope' ? `--envelope ${flags.envelope}` : `--verdict ${inputName(flags.verdict)}`;
    throw reportInputError(source, error);
  }
}

async function renderFromStore(ctx: CommandContext, flags: ReportFlags & { cell: string }): Promise<string> {
  const since = flags.since === undefined ? null : parseSince(flags.since, ctx.now());
  const history = await withStoreFromCli(ctx, flags, (store) => readCellHistory(store, flags.cell, flags.metric, since), { fieldName: (field) => `--${field}` });
  try {
    return renderCellHistoryReport(history);
  } catch (error) {
    throw reportInputError(`the store's history of --cell ${flags.cell}`, error);
  }
}

/** `repro report`: render, write --out atomically, print its path, and open it when asked. */
export async function runReport(ctx: CommandContext, flags: ReportFlags): Promise<void> {
  exclusive(flags);
  const html = flags.verdict !== undefined ? await renderFromArtefact(ctx, { ...flags, verdict: flags.verdict }) : await renderFromStore(ctx, { ...flags, cell: flags.cell! });
  const path = await writeOutputFile(ctx, '--out', flags.out, html);
  let opened = false;
  if (flags.open) {
    const problem = await openInBrowser(path);
    if (problem !== null) ctx.warn(`could not open the report (${problem}); open ${path} yourself`);
    opened = problem === null;
  }
  if (flags.json) printJson(ctx.io, { report: path, opened });
  else ctx.io.stdout(`report: ${path}\n`);
}
