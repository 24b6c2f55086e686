/** The page's only stylesheet (inline): light by default, dark with prefers-color-scheme, print-friendly. */
export const REPORT_STYLES = `
:root { color-scheme: light dark; --bg: #ffffff; --fg: #1f2328; --muted: #57606a; --line: #d8dee4; --panel: #f6f8fa; --link: #0969da;
  --ok: #1a7f37; --nondet: #bc4c00; --diverge: #cf222e; --inconclusive: #6e7781; --differs-bg: #ffebe9; --missing-bg: #fff8c5; }
@media (prefers-color-scheme: dark) {
  :root { --bg: #0d1117; --fg: #e6edf3; --muted: #9198a1; --line: #3d444d; --panel: #151b23; --link: #4493f8;
    --ok: #3fb950; --nondet: #f0883e; --diverge: #f85149; --inconclusive: #9198a1; --differs-bg: #4c1d1d; --missing-bg: #3b3212; }
}
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 68rem; padding: 1.5rem; background: var(--bg); color: var(--fg);
  font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
a { color: var(--link); }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.2rem; margin: 2rem 0 .5rem; border-bottom: 1px solid var(--line); padding-bottom: .25rem; }
.subtitle { color: var(--muted); margin: 0 0 1rem; }
.badge { display: inline-block; padding: .2rem .7rem; border-radius: 999px; font-weight: 700; color: #fff; letter-spacing: .02em; }
.verdict-FIDELITY_OK { background: var(--ok); } .verdict-NON_DETERMINISTIC { background: var(--nondet); }
.verdict-CANONICAL_DIVERGENCE { background: var(--diverge); } .verdict-INCONCLUSIVE_TOOLING { background: var(--inconclusive); }
.explanation { font-size: 1.1rem; background: var(--panel); border-left: 4px solid var(--link); padding: .75rem 1rem; margin: 1rem 0; }
table.verdicts { font-size: .85rem; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0; font-variant-numeric: tabular-nums; }
th, td { text-align: left; padding: .35rem .6rem; border-bottom: 1px solid var(--line); vertical-align: top; }
th { font-weight: 600; }
td.num, td .num { word-break: break-all; font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
tr.dim-differs td, tr.dim-differs th { background: var(--differs-bg); }
tr.dim-missing td, tr.dim-missing th { background: var(--missing-bg); }
.state { font-weight: 700; }
figure.plot { margin: 1rem 0; }
figure.plot svg { width: 100%; height: auto; display: block; }
figcaption { color: var(--muted); font-size: .9rem; margin-top: .25rem; }
.chart-dark { display: none; }
@media (prefers-color-scheme: dark) { .chart-light { display: none; } .chart-dark { display: block; } }
pre { background: var(--panel); border: 1px solid var(--line); padding: .6rem .8rem; overflow-x: auto; white-space: pre-wrap; word-break: break-all;
  font: 13px/1.45 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
.command-block { position: relative; }
button.copy { position: absolute; top: .35rem; right: .35rem; font: inherit; font-size: .8rem; padding: .1rem .5rem; cursor: pointer;
  background: var(--bg); color: var(--fg); border: 1px solid var(--line); border-radius: 4px; }
dl.glossary dt { font-weight: 700; margin-top: .6rem; }
dl.glossary dd { margin: 0 0 0 1.25rem; color: var(--fg); }
dl.glossary dt:target, dl.glossary dt:target + dd { background: var(--missing-bg); }
.muted { color: var(--muted); }
footer { margin-top: 2.5rem; color: var(--muted); font-size: .85rem; }
@media print {
  :root { --bg: #ffffff; --fg: #000000; --muted: #444444; --line: #bbbbbb; --panel: #f3f3f3; --link: #000000;
    --differs-bg: #ffe0e0; --missing-bg: #fff3b0; }
  body { max-width: none; padding: 0; font-size: 11pt; }
  .chart-light { display: block !important; } .chart-dark { display: none !important; }
  button.copy, details.artefact { display: none; }
  figure.plot, table, pre, .explanation { break-inside: avoid; }
  h2 { break-after: avoid; }
  .badge { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
}
`;
