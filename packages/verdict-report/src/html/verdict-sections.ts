import { canonicalJson, DEFAULT_PARITY_DIMS, explainVerdict, OPTIONAL_PARITY_DIMS, type RecordedReplay } from '@repro/verdict-core';
import { renderChartFigure } from '../charts/chart-figure.js';
import { localizationOption } from '../charts/localization-chart.js';
import { metricAxisHasData, metricAxisOption } from '../charts/metric-axis-chart.js';
import { PARITY_CHART_WIDTH, parityChartHeight, parityOption } from '../charts/parity-chart.js';
import type { EnvelopeSamples } from '../report-input/envelope-samples-schema.js';
import type { Localization } from '../report-input/localization-schema.js';
import type { VerdictArtefact } from '../report-input/verdict-artefact-schema.js';
import { escapeHtml } from './escape-html.js';
import { exactNumber } from './format-report-number.js';
import { type GlossaryTerm, glossaryHref } from './glossary.js';
import type { ReproduceCommand } from './reproduce-commands.js';

/** A value cell linked to its definition; `field` names the artefact field it shows (`data-field`). */
function linked(term: GlossaryTerm, field: string, text: string, numeric: boolean): string {
  return `<a class="${numeric ? 'num' : 'val'}" href="${glossaryHref(term)}" data-field="${escapeHtml(field)}">${escapeHtml(text)}</a>`;
}

function row(term: GlossaryTerm, label: string, field: string, text: string, numeric = true): string {
  return `<tr><th scope="row"><a href="${glossaryHref(term)}">${escapeHtml(label)}</a></th><td>${linked(term, field, text, numeric)}</td></tr>`;
}

function replayText(replay: RecordedReplay): string {
  if ('error' in replay) return `error: ${replay.error}`;
  return replay.value === null ? 'no value' : typeof replay.value === 'number' ? exactNumber(replay.value) : replay.value;
}

export function renderVerdictHeader(verdict: VerdictArtefact, heading: string): string {
  const why = verdict.cause ?? verdict.reason;
  const whyTerm: GlossaryTerm = verdict.cause !== null ? 'cause' : 'reason';
  return `<header><h1>${escapeHtml(heading)}</h1>
<p class="subtitle">cell <strong data-field="cell">${escapeHtml(verdict.cell)}</strong>, metric <strong data-field="metric">${escapeHtml(verdict.metric)}</strong>, decided at <time data-field="decided_at" datetime="${escapeHtml(verdict.decided_at)}">${escapeHtml(verdict.decided_at)}</time></p>
<p><a href="${glossaryHref(verdict.verdict)}" class="badge verdict-${verdict.verdict}" data-field="verdict">${verdict.verdict}</a>${why === null ? '' : ` <a href="${glossaryHref(whyTerm)}" class="why" data-field="${whyTerm}">${escapeHtml(why)}</a>`}</p></header>`;
}

/** The explanation: the same sentences the CLI prints (explainVerdict of @repro/verdict-core). */
export function renderExplanation(verdict: VerdictArtefact): string {
  return `<p class="explanation" data-field="explanation">${escapeHtml(explainVerdict(verdict))}</p>`;
}

/** Every number of the verdict, exactly as the artefact holds it, each linked to its definition. */
export function renderNumbers(verdict: VerdictArtefact, envelope: EnvelopeSamples | undefined): string {
  const rows = [
    row('replay_a', 'replay A', 'audit.replay_a', replayText(verdict.audit.replay_a)),
    row('replay_b', 'replay B', 'audit.replay_b', replayText(verdict.audit.replay_b)),
    row('canonical_value', 'canonical', 'audit.canonical_value', exactNumber(verdict.audit.canonical_value)),
    row('canonical_run_id', 'canonical run', 'canonical_run_id', verdict.canonical_run_id ?? '—', false),
    row('det_status', 'determinism (H1)', 'det_status', verdict.det_status, false),
    row('det_delta', '|a − b|', 'det_delta', exactNumber(verdict.det_delta)),
    row('canon_delta', '|a − canonical|', 'canon_delta', exactNumber(verdict.canon_delta)),
    row('epsilon', 'epsilon = max(eps_num, eps_prod)', 'epsilon', exactNumber(verdict.epsilon)),
    row('eps_num', 'eps_num', 'eps_num', exactNumber(verdict.eps_num)),
    row('eps_prod', 'eps_prod', 'eps_prod', exactNumber(verdict.eps_prod)),
    row('eps_prod_image_sha', 'eps_prod image', 'eps_prod_image_sha', verdict.eps_prod_image_sha ?? '—', false),
    row('parity_state', 'P0 parity', 'parity_state', verdict.parity_state, false),
  ];
  if (envelope !== undefined) rows.push(row('envelope_samples', 'production runs', 'envelope.n', String(envelope.samples.length)));
  return `<section id="numbers"><h2>The numbers</h2><table class="numbers"><tbody>${rows.join('')}</tbody></table></section>`;
}

export function renderMetricAxis(verdict: VerdictArtefact, envelope: EnvelopeSamples | undefined, id: string): string {
  const body = metricAxisHasData(verdict, envelope)
    ? renderChartFigure({
        id,
        caption: `${verdict.metric} on one axis: replay A, replay B, the canonical, the eps_prod and eps_num bands around the canonical${envelope === undefined ? '' : ', and the production runs eps_prod was measured from'}.`,
        size: { width: 900, height: envelope === undefined ? 260 : 300 },
        option: (palette) => metricAxisOption(verdict, envelope, palette),
      })
    : '<p class="muted">Nothing to plot: no replay gave a finite value and no canonical is stored.</p>';
  return `<section id="metric-axis"><h2>On the metric’s axis</h2>${body}</section>`;
}

function dimText(value: unknown): string {
  if (value === null || value === undefined) return 'not recorded';
  return typeof value === 'string' ? value : canonicalJson(value);
}

/** P0: replay A's fingerprint and the canonical run's provenance side by side, differences highlighted. */
export function renderParity(verdict: VerdictArtefact, id = 'parity-chart'): string {
  const dims = Object.entries(verdict.parity_dims);
  const rows = dims.map(
    ([dim, state]) =>
      `<tr class="dim-${state}" data-dim="${escapeHtml(dim)}"><th scope="row">${escapeHtml(dim)}</th><td class="num">${escapeHtml(dimText(verdict.audit.replay_fingerprint[dim]))}</td><td class="num">${escapeHtml(dimText(verdict.audit.canonical_provenance[dim]))}</td><td class="state">${state === 'equal' ? 'equal' : state === 'differs' ? '≠ differs' : '? missing'}</td></tr>`,
  );
  const chart =
    dims.length === 0
      ? ''
      : renderChartFigure({
          id,
          caption: 'P0 side by side: replay A’s value beside the canonical run’s for each dimension; differing dimensions in red on both sides, a missing value in yellow on the side that lacks it.',
          size: { width: PARITY_CHART_WIDTH, height: parityChartHeight(dims.length) },
          option: (palette) => parityOption(verdict, palette),
        });
  const table =
    dims.length === 0
      ? '<p class="muted">No P0 dimension was compared.</p>'
      : `${chart}<table class="parity"><thead><tr><th>dimension</th><th>replay A</th><th>canonical run</th><th>state</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
  return `<section id="parity"><h2>P0 parity: <a href="${glossaryHref('parity_state')}" data-field="parity_state">${verdict.parity_state}</a></h2><p class="muted">Replay A’s environment fingerprint beside the canonical run’s provenance (<a href="${glossaryHref('parity_dims')}">P0 dimensions</a>); differing rows are highlighted, missing ones marked.</p>${table}</section>`;
}

/** The localisation result: ranked bar chart of max_delta, the sentence, the culprit and how to pin it. */
export function renderLocalization(localization: Localization, id: string): string {
  const ranked = [...localization.factors].sort((x, y) => y.max_delta - x.max_delta);
  const rows = ranked.map(
    (f, i) =>
      `<tr data-factor="${escapeHtml(f.factor)}"><td>${i + 1}</td><th scope="row">${escapeHtml(f.label)}</th><td><a class="num" href="${glossaryHref('max_delta')}" data-field="localization.factors.max_delta">${exactNumber(f.max_delta)}</a></td><td>${f.moved ? 'moved' : 'no'}</td><td class="num">${escapeHtml(f.values.map(exactNumber).join(', '))}</td><td>${escapeHtml(f.error ?? '')}</td></tr>`,
  );
  const chart =
    ranked.length === 0
      ? ''
      : renderChartFigure({
          id,
          caption: `What localize varied, ranked by how far each factor moved ${'the metric'} from the baseline (max_delta); factors that moved it are highlighted.`,
          size: { width: 900, height: 60 + 34 * ranked.length },
          option: (palette) => localizationOption(localization, palette),
        });
  return `<section id="localization"><h2>Localisation</h2>
<p class="explanation" data-field="localization.sentence">${escapeHtml(localization.sentence)}</p>
<p>Culprit: <strong data-field="localization.culprit">${escapeHtml(localization.culprit ?? 'none found')}</strong>. Baseline <a class="num" href="${glossaryHref('baseline_value')}" data-field="localization.baseline_value">${exactNumber(localization.baseline_value)}</a>, ${localization.replays_per_factor} replay(s) per factor.</p>
${localization.how_to_pin === null ? '' : `<p>How to pin it: <code data-field="localization.how_to_pin">${escapeHtml(localization.how_to_pin)}</code></p>`}
${chart}
<table class="factors"><thead><tr><th>rank</th><th>factor</th><th><a href="${glossaryHref('max_delta')}">max_delta</a></th><th>moved</th><th>values</th><th>error</th></tr></thead><tbody>${rows.join('')}</tbody></table></section>`;
}

/** The commands that show the verdict's inputs and decide it again. */
export function verdictCommands(verdict: VerdictArtefact): ReproduceCommand[] {
  const key = ['--cell', verdict.cell, '--metric', verdict.metric];
  const required = Object.keys(verdict.parity_dims).filter((d) => !OPTIONAL_PARITY_DIMS.includes(d));
  const dimsFlag = required.join(',') === DEFAULT_PARITY_DIMS.join(',') || required.length === 0 ? [] : ['--parity-dims', required.join(',')];
  const image = verdict.eps_prod_image_sha === null ? [] : ['--image-sha', verdict.eps_prod_image_sha];
  const commands: ReproduceCommand[] = [
    { comment: 'The stored verdicts of this cell, newest first:', argv: ['repro', 'verdicts', 'list', ...key] },
    { comment: 'The canonical it was compared with, with its P0 provenance:', argv: ['repro', 'canonical', 'show', ...key] },
  ];
  if (verdict.eps_prod_image_sha !== null) {
    commands.push({ comment: 'eps_prod of the production image, with the runs it was measured from:', argv: ['repro', 'envelope', 'show', ...image, ...key] });
  }
  commands.push(
    {
      comment: 'Decide again from two fresh pinned replays (put your training command after --):',
      argv: ['repro', 'verdict', 'run', ...key, ...image, '--eps-num', String(verdict.eps_num), ...dimsFlag, '--out', 'verdict.json', '--', 'TRAINING_COMMAND'],
    },
    { comment: 'This page, from the artefact:', argv: ['repro', 'report', '--verdict', 'verdict.json', '--out', 'report.html'] },
  );
  return commands;
}
