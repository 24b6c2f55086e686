import type { Command } from 'commander';
import type { CommandContext } from '../../command-context.js';
import { addStoreOptions, type StoreFlags } from '../../store/store-options.js';

export interface ReportFlags extends StoreFlags {
  verdict?: string;
  envelope?: string;
  cell?: string;
  metric?: string;
  since?: string;
  out: string;
  open?: boolean;
  json?: boolean;
}

/**
 * `repro report --verdict ARTEFACT.json [--envelope FILE] --out report.html` and
 * `repro report --cell C [--metric M] [--since WHEN] --out report.html` (from the store) [--open]:
 * one self-contained HTML page. The implementation is loaded only when the command runs.
 */
export function registerReportCommand(program: Command, ctx: CommandContext): void {
  const command = program
    .command('report')
    .description('a verdict artefact, or a cell’s history from the store, as one self-contained HTML page (plots, explanation, glossary, commands)')
    .option('--verdict <file>', 'the Verdict artefact (JSON, as written by repro verdict run --out); - reads stdin')
    .option('--envelope <file>', 'with --verdict: the production runs eps_prod was measured from, drawn on the metric axis (a JSON array of numbers, or the JSON of repro envelope show --json)')
    .option('--cell <cell>', 'report this cell’s history from the store: canonical promotions, eps_prod per image, verdicts')
    .option('--metric <metric>', 'with --cell: the metric (default: the only metric the cell has verdicts for)')
    .option('--since <when>', 'with --cell: only verdicts from then on: a date or date-time (2026-11-01, 2026-11-01T08:00:00Z) or an age (36h, 30d, 8w)')
    .requiredOption('--out <file>', 'where to write the HTML page')
    .option('--open', 'open the page in the default browser afterwards (xdg-open, or open on macOS)')
    .option('--json', 'print {"report": path, "opened": boolean} as one JSON document instead of the report: line');
  addStoreOptions(command);
  command.action(async (opts: ReportFlags) => (await import('./report-action.js')).runReport(ctx, opts));
}
