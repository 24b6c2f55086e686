import { explainVerdict } from '@repro/verdict-core';
import { renderChartFigure } from './charts/chart-figure.js';
import { historyMarkers, historyOption } from './charts/history-chart.js';
import { recordedNumber } from './charts/recorded-number.js';
import { escapeHtml } from './html/escape-html.js';
import { exactNumber } from './html/format-report-number.js';
import { type GlossaryTerm, glossaryHref, renderGlossary, VERDICT_TERMS } from './html/glossary.js';
import { renderReportPage } from './html/report-page.js';
import { type ReproduceCommand, renderReproduceSection } from './html/reproduce-commands.js';
import { renderMetricAxis, renderParity, renderVerdictHeader } from './html/verdict-sections.js';
import { type CellHistory, cellHistorySchema } from './report-input/cell-history-schema.js';
import { parseReportInput } from './report-input/parse-report-input.js';
import { ReportInputError } from './report-input/report-input-error.js';

const HISTORY_TERMS: readonly GlossaryTerm[] = [...VERDICT_TERMS, 'promotion', 'image_change'];

const byTime = (at: (x: { decided_at: string }) => string) => (x: { decided_at: string }, y: { decided_at: string }) => Date.parse(at(x)) - Date.parse(at(y));

function num(term: GlossaryTerm, field: string, value: number | null): string {
  return `<td><a class="num" href="${glossaryHref(term)}" data-field="${escapeHtml(field)}">${exactNumber(value)}</a></td>`;
}

function checkKeys(history: CellHistory): void {
  history.verdicts.forEach((v, i) => {
    if (v.cell !== history.cell) throw new ReportInputError('history', `verdicts[${i}].cell`, `is ${JSON.stringify(v.cell)}, not the report's cell ${JSON.stringify(history.cell)}`);
    if (v.metric !== history.metric) throw new ReportInputError('history', `verdicts[${i}].metric`, `is ${JSON.stringify(v.metric)}, not the report's metric ${JSON.stringify(history.metric)}`);
  });
}

function verdictTable(newestFirst: CellHistory['verdicts']): string {
  const rows = newestFirst.map((v, i) => {
    const at = `verdicts[${i}]`;
    return `<tr data-verdict-index="${i}"><td><time datetime="${escapeHtml(v.decided_at)}">${escapeHtml(v.decided_at)}</time></td><td><a href="${glossaryHref(v.verdict)}" class="badge verdict-${v.verdict}" data-field="${at}.verdict">${v.verdict}</a></td><td>${escapeHtml(v.cause ?? v.reason ?? '')}</td>${num('replay_a', `${at}.audit.replay_a`, recordedNumber(v.audit.replay_a))}${num('det_delta', `${at}.det_delta`, v.det_delta)}${num('canon_delta', `${at}.canon_delta`, v.canon_delta)}${num('epsilon', `${at}.epsilon`, v.epsilon)}<td>${v.parity_state}</td><td>${escapeHtml(v.canonical_run_id ?? '—')}</td><td class="num">${escapeHtml(v.eps_prod_image_sha ?? '—')}</td></tr>`;
  });
  return `<section id="verdicts"><h2>Verdicts (${newestFirst.length}, newest first)</h2>${
    newestFirst.length === 0
      ? '<p class="muted">No verdict stored for this cell and metric.</p>'
      : `<table class="verdicts"><thead><tr><th><a href="${glossaryHref('decided_at')}">decided at</a></th><th><a href="${glossaryHref('verdict')}">verdict</a></th><th>cause / reason</th><th><a href="${glossaryHref('replay_a')}">replay A</a></th><th><a href="${glossaryHref('det_delta')}">|a − b|</a></th><th><a href="${glossaryHref('canon_delta')}">|a − canonical|</a></th><th><a href="${glossaryHref('epsilon')}">epsilon</a></th><th><a href="${glossaryHref('parity_state')}">P0</a></th><th><a href="${glossaryHref('canonical_run_id')}">canonical run</a></th><th><a href="${glossaryHref('eps_prod_image_sha')}">image</a></th></tr></thead><tbody>${rows.join('')}</tbody></table>`
  }</section>`;
}

function canonicalTable(history: CellHistory): string {
  const newestFirst = [...history.canonical_history].sort((x, y) => Date.parse(y.promoted_at) - Date.parse(x.promoted_at));
  const rows = newestFirst.map(
    (c, i) =>
      `<tr><td>${escapeHtml(c.run_id)}</td>${num('canonical_value', `canonical_history[${i}].value`, c.value)}<td>${escapeHtml(c.promoted_at)}</td><td>${escapeHtml(c.demoted_at ?? 'current')}</td></tr>`,
  );
  return `<section id="canonical-history"><h2>Canonical promotions</h2>${
    rows.length === 0
      ? '<p class="muted">No canonical was ever promoted for this cell and metric.</p>'
      : `<table class="canonicals"><thead><tr><th>run</th><th><a href="${glossaryHref('canonical_value')}">value</a></th><th><a href="${glossaryHref('promotion')}">promoted at</a></th><th>demoted at</th></tr></thead><tbody>${rows.join('')}</tbody></table>`
  }</section>`;
}

function epsProdTable(history: CellHistory): string {
  const rows = history.eps_prod.map(
    (e, i) =>
      `<tr><td class="num">${escapeHtml(e.image_sha)}</td><td>${e.status}${e.reason ? ` (${escapeHtml(e.reason)})` : ''}</td>${num('eps_prod', `eps_prod[${i}].eps_prod`, e.eps_prod)}<td>${e.n}</td><td>${escapeHtml(e.method)}, ${e.coverage}/${e.confidence}</td><td>${escapeHtml(e.measured_at)}</td></tr>`,
  );
  return `<section id="eps-prod"><h2>eps_prod per production image</h2>${
    rows.length === 0
      ? '<p class="muted">No eps_prod is stored for the images these verdicts name.</p>'
      : `<table class="eps-prod"><thead><tr><th><a href="${glossaryHref('eps_prod_image_sha')}">image</a></th><th>status</th><th><a href="${glossaryHref('eps_prod')}">eps_prod</a></th><th><a href="${glossaryHref('envelope_samples')}">runs</a></th><th>method, coverage/confidence</th><th>measured at</th></tr></thead><tbody>${rows.join('')}</tbody></table>`
  }</section>`;
}

/**
 * A cell's history (canonical promotions, eps_prod per image, stored verdicts — the shapes
 * @repro/canonical-provenance returns) as one self-contained HTML page: the metric and verdict over time
 * with a marker at each canonical promotion and image change, the latest verdict explained, and tables of
 * everything plotted. Pure. Throws ReportInputError on input of the wrong shape or of another cell/metric.
 */
export function renderCellHistoryReport(history: unknown): string {
  const parsed = parseReportInput(cellHistorySchema, 'history', history);
  checkKeys(parsed);
  const oldestFirst = [...parsed.verdicts].sort(byTime((v) => v.decided_at));
  const newestFirst = [...oldestFirst].reverse();
  const latest = newestFirst[0];
  const markers = historyMarkers(parsed.canonical_history, oldestFirst);
  const timeline =
    oldestFirst.length + parsed.canonical_history.length === 0
      ? '<p class="muted">Nothing to plot yet.</p>'
      : renderChartFigure({
          id: 'history-chart',
          caption: `${parsed.metric} of replay A at each verdict, coloured by verdict; the canonical value as a step line; solid markers at canonical promotions, dashed at production-image changes.`,
          size: { width: 900, height: 340 },
          option: (palette) => historyOption(parsed.metric, parsed.canonical_history, oldestFirst, palette),
        });
  const markerList =
    markers.length === 0
      ? ''
      : `<ul class="markers">${markers.map((m) => `<li data-marker="${m.kind}"><a href="${glossaryHref(m.kind)}">${m.kind === 'promotion' ? 'promotion' : 'image change'}</a> at <time datetime="${escapeHtml(m.at)}">${escapeHtml(m.at)}</time>: ${escapeHtml(m.label)}</li>`).join('')}</ul>`;
  const latestEnvelope = latest === undefined ? undefined : parsed.eps_prod.find((e) => e.image_sha === latest.eps_prod_image_sha && e.samples !== undefined);
  const key = ['--cell', parsed.cell, '--metric', parsed.metric];
  const commands: ReproduceCommand[] = [
    { comment: 'The stored verdicts of this cell, newest first:', argv: ['repro', 'verdicts', 'list', ...key] },
    { comment: 'Every canonical this cell has had:', argv: ['repro', 'canonical', 'history', ...key] },
    ...parsed.eps_prod.map((e) => ({ comment: `eps_prod of image ${e.image_sha}:`, argv: ['repro', 'envelope', 'show', '--image-sha', e.image_sha, ...key] })),
    { comment: 'This page, from the store:', argv: ['repro', 'report', ...key, '--out', 'report.html'] },
  ];
  const body = [
    '<main>',
    `<header><h1>Repro cell history</h1><p class="subtitle">cell <strong data-field="cell">${escapeHtml(parsed.cell)}</strong>, metric <strong data-field="metric">${escapeHtml(parsed.metric)}</strong>: <span data-field="verdict-count">${oldestFirst.length}</span> verdict(s), <span data-field="canonical-count">${parsed.canonical_history.length}</span> canonical promotion(s), <span data-field="image-count">${parsed.eps_prod.length}</span> production image(s) with eps_prod</p></header>`,
    `<section id="timeline"><h2>Over time</h2>${timeline}${markerList}</section>`,
    latest === undefined
      ? ''
      : `<section id="latest"><h2>Latest verdict</h2>${renderVerdictHeader(latest, `Latest: ${latest.verdict}`).replace('<header><h1>', '<header><h3>').replace('</h1>', '</h3>')}<p class="explanation" data-field="explanation">${escapeHtml(explainVerdict(latest))}</p></section>`,
    latest === undefined ? '' : renderMetricAxis(latest, latestEnvelope?.samples === undefined ? undefined : { ...latestEnvelope, samples: latestEnvelope.samples }, 'latest-metric-axis-chart'),
    latest === undefined ? '' : renderParity(latest, 'latest-parity-chart'),
    verdictTable(newestFirst),
    canonicalTable(parsed),
    epsProdTable(parsed),
    renderReproduceSection(commands),
    renderGlossary(HISTORY_TERMS),
    `<footer>Made by @repro/verdict-report from ${oldestFirst.length} stored verdict(s). Self-contained: no request leaves this page.</footer>`,
    '</main>',
  ].join('\n');
  return renderReportPage({ title: `History — ${parsed.cell} / ${parsed.metric}`, body, data: { kind: 'cell_history', ...parsed } });
}
