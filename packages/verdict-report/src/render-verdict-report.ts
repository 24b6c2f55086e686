import { escapeHtml } from './html/escape-html.js';
import { type GlossaryTerm, renderGlossary, VERDICT_TERMS } from './html/glossary.js';
import { renderReportPage } from './html/report-page.js';
import { renderReproduceSection } from './html/reproduce-commands.js';
import { renderExplanation, renderLocalization, renderMetricAxis, renderNumbers, renderParity, renderVerdictHeader, verdictCommands } from './html/verdict-sections.js';
import { type EnvelopeSamplesInput, envelopeSamplesSchema } from './report-input/envelope-samples-schema.js';
import { parseReportInput } from './report-input/parse-report-input.js';
import { verdictArtefactSchema } from './report-input/verdict-artefact-schema.js';

export interface VerdictReportOptions {
  /** The production-config runs eps_prod was measured from (e.g. the store's EpsProdRecord), drawn on the metric axis. */
  readonly envelope?: EnvelopeSamplesInput;
}


/**
 * One verdict artefact (the Verdict JSON of @repro/verdict-core, with `localization` when present) as one
 * self-contained HTML page: the verdict and its explanation, every number linked to its definition, the
 * metric axis, P0 side by side, the localisation ranking, the commands to reproduce it, and a glossary.
 * Pure: the same input gives the same string. Throws ReportInputError on input that is not an artefact.
 */
export function renderVerdictReport(artefact: unknown, options: VerdictReportOptions = {}): string {
  const verdict = parseReportInput(verdictArtefactSchema, 'artefact', artefact);
  const envelope = options.envelope === undefined ? undefined : parseReportInput(envelopeSamplesSchema, 'envelope', options.envelope);
  const terms: GlossaryTerm[] = [...VERDICT_TERMS];
  if (verdict.localization !== undefined) terms.push('baseline_value', 'max_delta');
  const body = [
    '<main>',
    renderVerdictHeader(verdict, 'Repro verdict'),
    renderExplanation(verdict),
    renderNumbers(verdict, envelope),
    renderMetricAxis(verdict, envelope, 'metric-axis-chart'),
    renderParity(verdict),
    verdict.localization === undefined ? '' : renderLocalization(verdict.localization, 'localization-chart'),
    renderReproduceSection(verdictCommands(verdict)),
    `<details class="artefact"><summary>The artefact (JSON)</summary><pre>${escapeHtml(JSON.stringify(verdict, null, 2))}</pre></details>`,
    renderGlossary(terms),
    `<footer>Made by @repro/verdict-report from a schema_version ${verdict.schema_version} verdict artefact. Self-contained: no request leaves this page.</footer>`,
    '</main>',
  ].join('\n');
  return renderReportPage({ title: `${verdict.verdict} — ${verdict.cell} / ${verdict.metric}`, body, data: { kind: 'verdict', verdict, envelope: envelope ?? null } });
}
