import { escapeHtml, jsonForScript } from './escape-html.js';
import { REPORT_SCRIPT, REPORT_SCRIPT_HASH } from './report-script.js';
import { REPORT_STYLES } from './report-styles.js';

export interface ReportPage {
  readonly title: string;
  readonly body: string;
  /** Inlined as `<script type="application/json" id="repro-report-data">` for machines reading the page. */
  readonly data: unknown;
}

/**
 * The whole HTML document: styles, script and data inline; a Content-Security-Policy that forbids every
 * fetch (no network at view time, by construction, not only by intent).
 */
export function renderReportPage(page: ReportPage): string {
  const csp = `default-src 'none'; style-src 'unsafe-inline'; script-src ${REPORT_SCRIPT_HASH}; img-src data:; base-uri 'none'; form-action 'none'`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="color-scheme" content="light dark">
<meta name="generator" content="@repro/verdict-report">
<title>${escapeHtml(page.title)}</title>
<style>${REPORT_STYLES}</style>
</head>
<body>
${page.body}
<script type="application/json" id="repro-report-data">${jsonForScript(page.data)}</script>
<script>${REPORT_SCRIPT}</script>
</body>
</html>
`;
}
