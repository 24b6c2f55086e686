import { assessObservation, measureProdEnvelope, observationSchema } from '@repro/verdict-core';
import { renderCellHistoryReport } from '@repro/verdict-report';
import type { CommandContext } from '../../command-context.js';
import { printJson } from '../../output/print-json.js';
import { formatNumber, renderTable } from '../../output/render-table.js';
import { writeOutputFile } from '../../output/write-output-file.js';
import { DEMO_CELL, DEMO_METRIC, runDemoEndToEnd } from './demo-end-to-end.js';
import { DEMO_IMAGE_SHA, DEMO_PRODUCTION_RUNS, demoScenarios } from './demo-scenarios.js';

/** The rule on built-in observations: every other path of the frozen rule (no processes, no store). */
function rulePaths(decidedAt: string) {
  const envelope = measureProdEnvelope(DEMO_PRODUCTION_RUNS);
  const epsProd = envelope.status === 'measured' ? { value: envelope.eps_prod, image_sha: DEMO_IMAGE_SHA } : null;
  return demoScenarios(epsProd).map((scenario) => ({
    title: scenario.title,
    verdict: assessObservation(observationSchema.parse(scenario.observation), { decidedAt }).verdict,
  }));
}

/** The file `repro demo` ends by writing (in the current directory). */
export const DEMO_REPORT_FILE = 'demo-report.html';

/**
 * `repro demo`: the end-to-end run (progress on stderr), then the rule paths, then `demo-report.html`: the
 * cell's history as one self-contained page, with the four real verdicts and the rule paths' verdicts (so
 * every verdict kind is on it). One JSON document with --json.
 */
export async function runDemo(ctx: CommandContext, opts: { json?: boolean }): Promise<void> {
  const report = await runDemoEndToEnd(ctx);
  const paths = rulePaths(ctx.now().toISOString());
  const page = renderCellHistoryReport({ ...report.history, verdicts: [...report.history.verdicts, ...paths.map((p) => p.verdict)] });
  const reportPath = await writeOutputFile(ctx, '--report', DEMO_REPORT_FILE, page);
  if (opts.json) {
    printJson(ctx.io, {
      store: report.home,
      example: report.example,
      canonical: report.canonical,
      envelope: report.envelope,
      steps: report.steps.map((s) => ({ title: s.title, explanation: s.explanation, verdict: s.verdict })),
      rule_paths: paths,
      report: reportPath,
    });
    return;
  }
  const eps = report.envelope.eps_prod === null ? `unmeasured (${report.envelope.status})` : formatNumber(report.envelope.eps_prod);
  const lines = [
    '',
    `Repro demo — cell ${DEMO_CELL}, metric ${DEMO_METRIC}, replaying ${report.example} in fresh processes`,
    `store: embedded PGlite under ${report.home}`,
    `canonical run ${report.canonical.run_id}: ${DEMO_METRIC} = ${report.canonical.value} (one un-capped run, provenance from its fingerprint)`,
    `eps_prod from ${report.envelope.n} un-capped runs: ${eps} (${report.envelope.method}, ${report.envelope.coverage}/${report.envelope.confidence})`,
    '',
  ];
  for (const step of report.steps) {
    const v = step.verdict;
    lines.push(`${step.title}`);
    lines.push(`  → ${v.verdict}${v.cause ?? v.reason ? ` (${v.cause ?? v.reason})` : ''}: ${step.explanation}`);
    lines.push(`    |a − b| = ${v.det_delta === null ? '—' : formatNumber(v.det_delta)}, |a − canonical| = ${v.canon_delta === null ? '—' : formatNumber(v.canon_delta)}, epsilon = ${formatNumber(v.epsilon)}, P0 ${v.parity_state}`);
  }
  lines.push(
    '',
    'Every other path of the rule, on built-in observations:',
    renderTable(
      ['scenario', 'verdict', 'cause / reason'],
      paths.map((p) => [p.title, p.verdict.verdict, p.verdict.cause ?? p.verdict.reason]),
    ),
    `The verdicts are stored: REPRO_HOME=${report.home} repro verdicts list`,
    `The cell's history, every verdict kind on it, as a page: ${reportPath}`,
    'Your own cell: repro canonical record --from-run …, repro envelope measure …, repro verdict run … (see --help)',
    '',
  );
  ctx.io.stdout(lines.join('\n'));
}
