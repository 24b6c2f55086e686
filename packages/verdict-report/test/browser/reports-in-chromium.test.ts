/// <reference lib="dom" />
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { explainVerdict } from '@repro/verdict-core';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderCellHistoryReport, renderVerdictReport, type VerdictArtefact } from '../../src/index.js';
import { ENVELOPE, HISTORY, VERDICTS } from '../fixtures/report-fixtures.js';
import { chromiumAvailability, launchChromium } from './launch-chromium.js';

const PACKAGE_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** Screenshots and the pages themselves, kept after the run (gitignored). */
const ARTIFACTS = join(PACKAGE_DIR, 'test-artifacts');
/** The README's screenshot: rewritten when REPRO_UPDATE_README_SCREENSHOT=1. */
const README_SCREENSHOT = join(PACKAGE_DIR, 'docs', 'report-screenshot.png');

const availability = chromiumAvailability();
if (!availability.run) process.stderr.write(`verdict-report browser tests SKIPPED: ${availability.message}\n`);

interface OpenedReport {
  readonly page: Page;
  readonly context: Context;
  /** Every request the page made, beyond loading its own file (must stay empty). */
  readonly requests: string[];
  /** Console errors and warnings, and uncaught page errors (must stay empty). */
  readonly problems: string[];
}
type Context = BrowserContext;

describe.skipIf(!availability.run)('reports in a real browser (Debian Chromium, headless)', () => {
  let browser: Browser;
  const opened: Context[] = [];
  beforeAll(async () => {
    browser = await launchChromium();
    await mkdir(ARTIFACTS, { recursive: true });
  });
  afterAll(async () => {
    for (const context of opened) await context.close();
    await browser?.close();
  });

  async function open(name: string, html: string, settings: { javaScriptEnabled?: boolean; colorScheme?: 'light' | 'dark' } = {}): Promise<OpenedReport> {
    const file = join(ARTIFACTS, `${name}.html`);
    await writeFile(file, html);
    const context = await browser.newContext({ viewport: { width: 1100, height: 900 }, javaScriptEnabled: settings.javaScriptEnabled ?? true, colorScheme: settings.colorScheme ?? 'light' });
    opened.push(context);
    const own = pathToFileURL(file).href;
    const requests: string[] = [];
    const problems: string[] = [];
    // everything is routed: the page's own file loads, any other request is recorded and aborted
    context.on('request', (request) => {
      if (request.url() !== own) requests.push(request.url());
    });
    await context.route('**/*', (route) => (route.request().url() === own ? route.continue() : route.abort()));
    const page = await context.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') problems.push(`${message.type()}: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
    await page.goto(own, { waitUntil: 'load' });
    return { page, context, requests, problems };
  }

  const text = async (page: Page, selector: string) => (await page.locator(selector).first().textContent())?.trim() ?? '';
  const shownNumber = async (page: Page, field: string): Promise<number | null> => {
    const shown = await text(page, `#numbers [data-field="${field}"]`);
    return shown === '—' ? null : Number(shown);
  };

  const KINDS = [
    ['FIDELITY_OK', VERDICTS.FIDELITY_OK],
    ['NON_DETERMINISTIC', VERDICTS.NON_DETERMINISTIC],
    ['CANONICAL_DIVERGENCE', VERDICTS.CANONICAL_DIVERGENCE_env],
    ['INCONCLUSIVE_TOOLING', VERDICTS.INCONCLUSIVE_TOOLING],
  ] as const satisfies readonly (readonly [string, VerdictArtefact])[];

  it.each(KINDS)('a %s report shows the verdict, its explanation and the artefact’s exact numbers, offline and without console errors', async (kind, verdict: VerdictArtefact) => {
    const { page, requests, problems } = await open(`verdict-${kind}`, renderVerdictReport(verdict, { envelope: ENVELOPE }));
    expect(await text(page, 'header [data-field="verdict"]')).toBe(kind);
    expect(await text(page, '[data-field="explanation"]')).toBe(explainVerdict(verdict));
    expect(await shownNumber(page, 'det_delta')).toBe(verdict.det_delta);
    expect(await shownNumber(page, 'canon_delta')).toBe(verdict.canon_delta);
    expect(await shownNumber(page, 'epsilon')).toBe(verdict.epsilon);
    expect(await shownNumber(page, 'eps_num')).toBe(verdict.eps_num);
    expect(await shownNumber(page, 'eps_prod')).toBe(verdict.eps_prod);
    expect(await shownNumber(page, 'audit.canonical_value')).toBe(verdict.audit.canonical_value);
    expect(await text(page, '#numbers [data-field="parity_state"]')).toBe(verdict.parity_state);
    expect(await shownNumber(page, 'envelope.n')).toBe(ENVELOPE.samples.length);

    // every link to a definition lands on a glossary entry of the page
    const missing = await page.$$eval('a[href^="#g-"]', (links) => links.map((a) => a.getAttribute('href')!.slice(1)).filter((id) => document.getElementById(id) === null));
    expect(missing).toEqual([]);
    await page.locator('#numbers [data-field="eps_prod"]').click();
    expect(await page.evaluate(() => location.hash)).toBe('#g-eps_prod');

    // the plots: rendered SVG, the light rendering shown, the dark one hidden
    expect(await page.locator('#metric-axis-chart .chart-light svg').isVisible()).toBe(true);
    expect(await page.locator('#metric-axis-chart .chart-dark svg').isVisible()).toBe(false);
    const axisText = await page.locator('#metric-axis-chart .chart-light svg').textContent();
    for (const row of ['production runs', 'replay A', 'replay B', 'canonical', 'canonical ± eps_prod', 'canonical ± eps_num']) expect(axisText).toContain(row);
    expect(axisText?.includes('replay B (no value)')).toBe('error' in verdict.audit.replay_b);

    // P0 side by side: one row per compared dimension, differing ones highlighted, in the plot and the table
    const dims = Object.entries(verdict.parity_dims);
    const parityChart = page.locator('#parity-chart .chart-light svg');
    expect(await parityChart.isVisible()).toBe(true);
    const differing = dims.filter(([, state]) => state === 'differs').length;
    expect(await parityChart.locator('[fill="#ffcecb"]').count()).toBe(2 * differing);
    for (const [dim] of dims) expect(await parityChart.textContent()).toContain(dim);
    expect(await page.locator('#parity tbody tr').count()).toBe(dims.length);
    for (const [dim, state] of dims) {
      const rowBackground = await page.locator(`#parity tr[data-dim="${dim}"] td`).first().evaluate((td) => getComputedStyle(td).backgroundColor);
      if (state === 'equal') expect(rowBackground).toBe('rgba(0, 0, 0, 0)');
      else expect(rowBackground).not.toBe('rgba(0, 0, 0, 0)');
    }

    // the inline data is the artefact; the script ran (copy buttons) and the page reached nothing
    const data = JSON.parse((await page.locator('#repro-report-data').textContent()) ?? 'null');
    expect(data.verdict).toEqual(verdict);
    expect(await page.locator('.command-block button.copy').count()).toBe(await page.locator('.command-block').count());
    expect(await page.locator('#reproduce pre').allTextContents()).toContain('repro report --verdict verdict.json --out report.html');
    await page.screenshot({ path: join(ARTIFACTS, `verdict-${kind}.png`), fullPage: true });
    expect(requests).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('draws the localisation ranking as bars, largest max_delta first, and the README screenshot comes from this page', async () => {
    const verdict = VERDICTS.NON_DETERMINISTIC;
    const { page, requests, problems } = await open('verdict-localization', renderVerdictReport(verdict, { envelope: ENVELOPE }));
    const labels = await page.locator('#localization tbody th').allTextContents();
    expect(labels).toEqual([...verdict.localization.factors].sort((x, y) => y.max_delta - x.max_delta).map((f) => f.label));
    const shownDeltas = (await page.locator('#localization [data-field="localization.factors.max_delta"]').allTextContents()).map(Number);
    expect(shownDeltas).toEqual([0.0061, 0.0009, 0, 0]);
    expect(await text(page, '[data-field="localization.culprit"]')).toBe('threads');
    const chart = page.locator('#localization-chart .chart-light svg');
    expect(await chart.isVisible()).toBe(true);
    const svgText = (await chart.textContent()) ?? '';
    for (const factor of verdict.localization.factors) expect(svgText).toContain(factor.label);
    expect(await chart.locator('path[fill="#cf222e"]').count()).toBe(2); // the two factors that moved the metric, in the "moved" colour
    const screenshot = join(ARTIFACTS, 'readme-report.png');
    const localisation = await page.locator('#localization').boundingBox();
    await page.screenshot({ path: screenshot, clip: { x: 0, y: 0, width: 1100, height: Math.ceil((localisation?.y ?? 0) + (localisation?.height ?? 1800)) }, fullPage: true });
    if (process.env.REPRO_UPDATE_README_SCREENSHOT === '1') {
      await mkdir(dirname(README_SCREENSHOT), { recursive: true });
      await copyFile(screenshot, README_SCREENSHOT);
    }
    expect(requests).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('a cell-history report shows every verdict, promotion and image change with the stored numbers', async () => {
    const { page, requests, problems } = await open('cell-history', renderCellHistoryReport(HISTORY));
    const newestFirst = [...HISTORY.verdicts].sort((x, y) => Date.parse(y.decided_at) - Date.parse(x.decided_at));
    expect(await text(page, '[data-field="verdict-count"]')).toBe(String(newestFirst.length));
    expect(await page.locator('table.verdicts tbody tr').count()).toBe(newestFirst.length);
    for (const [i, v] of newestFirst.entries()) {
      expect(await text(page, `[data-field="verdicts[${i}].verdict"]`)).toBe(v.verdict);
      const shown = await text(page, `[data-field="verdicts[${i}].epsilon"]`);
      expect(Number(shown)).toBe(v.epsilon);
    }
    expect(await page.locator('li[data-marker="promotion"]').count()).toBe(2);
    expect(await page.locator('li[data-marker="image_change"]').count()).toBe(1);
    const timeline = page.locator('#history-chart .chart-light svg');
    expect(await timeline.isVisible()).toBe(true);
    const timelineText = (await timeline.textContent()) ?? '';
    for (const label of ['FIDELITY_OK', 'NON_DETERMINISTIC', 'CANONICAL_DIVERGENCE', 'INCONCLUSIVE_TOOLING', 'canonical-2026-11-01', 'canonical-2026-11-20', 'image 77b0e2aa91c4']) {
      expect(timelineText).toContain(label);
    }
    expect(await text(page, '#latest [data-field="explanation"]')).toBe(explainVerdict(newestFirst[0]!));
    expect(await page.locator('table.canonicals tbody tr').count()).toBe(2);
    expect((await page.locator('table.eps-prod [data-field="eps_prod[1].eps_prod"]').textContent())?.trim()).toBe('0.0031');
    await page.screenshot({ path: join(ARTIFACTS, 'cell-history.png'), fullPage: true });
    expect(requests).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('the offline guard itself catches a page that reaches out', async () => {
    const { requests } = await open('guard-check', '<!doctype html><title>reaches out</title><img src="https://example.invalid/pixel.png">');
    expect(requests).toEqual(['https://example.invalid/pixel.png']);
  });

  it('reads without JavaScript, switches its plots to dark with prefers-color-scheme, and prints light', async () => {
    const noScript = await open('verdict-no-js', renderVerdictReport(VERDICTS.CANONICAL_DIVERGENCE), { javaScriptEnabled: false });
    expect(await text(noScript.page, '[data-field="explanation"]')).toBe(explainVerdict(VERDICTS.CANONICAL_DIVERGENCE));
    expect(await shownNumber(noScript.page, 'canon_delta')).toBe(VERDICTS.CANONICAL_DIVERGENCE.canon_delta);
    expect(await noScript.page.locator('button.copy').count()).toBe(0);
    expect(await noScript.page.locator('#metric-axis-chart .chart-light svg').isVisible()).toBe(true);

    const dark = await open('verdict-dark', renderVerdictReport(VERDICTS.CANONICAL_DIVERGENCE, { envelope: ENVELOPE }), { colorScheme: 'dark' });
    expect(await dark.page.locator('#metric-axis-chart .chart-dark svg').isVisible()).toBe(true);
    expect(await dark.page.locator('#metric-axis-chart .chart-light svg').isVisible()).toBe(false);
    expect(await dark.page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(13, 17, 23)');
    await dark.page.screenshot({ path: join(ARTIFACTS, 'verdict-dark.png'), fullPage: true });

    await dark.page.emulateMedia({ media: 'print', colorScheme: 'dark' });
    expect(await dark.page.locator('#metric-axis-chart .chart-light svg').isVisible()).toBe(true);
    expect(await dark.page.locator('#metric-axis-chart .chart-dark svg').isVisible()).toBe(false);
    expect(await dark.page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(255, 255, 255)');
    await writeFile(join(ARTIFACTS, 'verdict-print.pdf'), await dark.page.pdf({ format: 'A4', printBackground: true }));
    for (const report of [noScript, dark]) {
      expect(report.requests).toEqual([]);
      expect(report.problems).toEqual([]);
    }
  });
});
