import type { CanonicalHistoryEntry as StoreCanonicalHistoryEntry, EpsProdRecord as StoreEpsProdRecord } from '@repro/canonical-provenance';
import { explainVerdict, type Verdict } from '@repro/verdict-core';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { historyMarkers } from '../src/charts/history-chart.js';
import { jsonForScript } from '../src/html/escape-html.js';
import { shellQuote } from '../src/html/reproduce-commands.js';
import { type CanonicalHistoryEntry, cellHistorySchema, epsProdRecordSchema, ReportInputError, renderCellHistoryReport, renderVerdictReport, type VerdictArtefact, type VerdictReportOptions } from '../src/index.js';
import { ENVELOPE, HISTORY, VERDICTS } from './fixtures/report-fixtures.js';

function dataBlock(html: string): unknown {
  const match = /<script type="application\/json" id="repro-report-data">([^<]*)<\/script>/.exec(html);
  if (!match) throw new Error('no data block');
  return JSON.parse(match[1]!);
}

function fieldText(html: string, field: string): string[] {
  const decode = (text: string) => text.replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  return [...html.matchAll(new RegExp(`data-field="${field.replace(/[.[\]]/g, '\\$&')}"[^>]*>([^<]*)<`, 'g'))].map((m) => decode(m[1]!));
}

describe('renderVerdictReport', () => {
  it('renders one self-contained page: inline style and script, a CSP forbidding every fetch, no external reference', () => {
    const html = renderVerdictReport(VERDICTS.NON_DETERMINISTIC, { envelope: ENVELOPE });
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-[A-Za-z0-9+/=]+'/);
    expect(html).not.toMatch(/\s(src|href)="(https?:)?\/\//);
    expect(html).not.toMatch(/<link\b|@import|url\((?!#)/);
    expect(html.match(/<svg /g)?.length).toBe(6); // metric axis, P0 and localisation, each in a light and a dark rendering
  });

  it('is a pure function of its input: the same artefact gives the same string, whatever was rendered before', () => {
    const first = renderVerdictReport(VERDICTS.FIDELITY_OK, { envelope: ENVELOPE });
    renderVerdictReport(VERDICTS.CANONICAL_DIVERGENCE);
    expect(renderVerdictReport(VERDICTS.FIDELITY_OK, { envelope: ENVELOPE })).toBe(first);
    expect(first).not.toMatch(/\bzr\d+-/);
  });

  it('shows every number exactly as the artefact holds it, each linked to its glossary entry', () => {
    for (const verdict of Object.values(VERDICTS) as VerdictArtefact[]) {
      const html = renderVerdictReport(verdict);
      const exact = (v: number | null) => (v === null ? '—' : String(v));
      expect(fieldText(html, 'det_delta')).toEqual([exact(verdict.det_delta)]);
      expect(fieldText(html, 'canon_delta')).toEqual([exact(verdict.canon_delta)]);
      expect(fieldText(html, 'epsilon')).toEqual([exact(verdict.epsilon)]);
      expect(fieldText(html, 'eps_num')).toEqual([exact(verdict.eps_num)]);
      expect(fieldText(html, 'eps_prod')).toEqual([exact(verdict.eps_prod)]);
      expect(fieldText(html, 'audit.canonical_value')).toEqual([exact(verdict.audit.canonical_value)]);
      for (const match of html.matchAll(/<a class="num" href="#g-([a-z_A-Z]+)"/g)) expect(html).toContain(`<dt id="g-${match[1]}">`);
      expect(dataBlock(html)).toEqual({ kind: 'verdict', verdict, envelope: null });
    }
  });

  it('explains the verdict in the sentences of explainVerdict, HTML-escaped', () => {
    const verdict = VERDICTS.CANONICAL_DIVERGENCE_env;
    const html = renderVerdictReport(verdict);
    expect(fieldText(html, 'explanation')).toEqual([explainVerdict(verdict)]);
    expect(html).toContain('P0 sees build_sha differ from the canonical run');
    expect(html).toMatch(/<tr class="dim-differs" data-dim="build_sha"><th scope="row">build_sha<\/th><td class="num">a1b2c3d<\/td><td class="num">f00dbab<\/td>/);
  });

  it('marks missing P0 dimensions and names the replay error', () => {
    const unverified = renderVerdictReport(VERDICTS.INCONCLUSIVE_TOOLING_unverified);
    expect(unverified).toMatch(/<tr class="dim-missing" data-dim="instance_type">.*?not recorded/);
    // in the P0 plot only the side that lacks the dimension is marked (once per palette)
    expect(unverified.match(/fill="#fff1a8"/g)?.length).toBe(1);
    expect(unverified.match(/fill="#5a4a12"/g)?.length).toBe(1);
    expect(unverified).toContain('instance_type (missing)</text>');
    expect(fieldText(renderVerdictReport(VERDICTS.INCONCLUSIVE_TOOLING), 'audit.replay_b')).toEqual(['error: exit code 137 (killed: out of memory)']);
  });

  it('ranks the localisation factors by max_delta and shows the culprit and how to pin it', () => {
    const html = renderVerdictReport(VERDICTS.NON_DETERMINISTIC);
    expect([...html.matchAll(/<tr data-factor="([^"]+)">/g)].map((m) => m[1])).toEqual(['threads', 'hash_seed', 'lightgbm_deterministic', 'cublas_workspace']);
    expect(fieldText(html, 'localization.culprit')).toEqual(['threads']);
    expect(fieldText(html, 'localization.how_to_pin')).toEqual(['OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1']);
    expect(renderVerdictReport(VERDICTS.FIDELITY_OK)).not.toContain('id="localization"');
  });

  it('shows the commands that reproduce the verdict, shell-quoted', () => {
    const html = renderVerdictReport(VERDICTS.FIDELITY_OK);
    expect(html).toContain('repro verdict run --cell defi_top5/fold-3 --metric f1_buy --image-sha sha256:3f9a1c0de4b5a6978812 --eps-num 1e-9 --out verdict.json -- TRAINING_COMMAND');
    expect(html).toContain('repro envelope show --image-sha sha256:3f9a1c0de4b5a6978812 --cell defi_top5/fold-3 --metric f1_buy');
    expect(shellQuote("it's a cell")).toBe(`'it'\\''s a cell'`);
  });

  it('escapes what comes from the artefact, in the page and in the inline data', () => {
    const hostile = { ...VERDICTS.FIDELITY_OK, cell: '</script><img src=x onerror=alert(1)>' };
    const html = renderVerdictReport(hostile);
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;');
    expect(jsonForScript({ cell: '</script>' })).toBe('{"cell":"\\u003c/script>"}');
    expect(dataBlock(html)).toMatchObject({ verdict: { cell: hostile.cell } });
  });

  it('rejects input that is not a verdict artefact with a typed error naming the field', () => {
    expect(() => renderVerdictReport({ ...VERDICTS.FIDELITY_OK, det_delta: 'x' })).toThrow(ReportInputError);
    expect(() => renderVerdictReport({ ...VERDICTS.FIDELITY_OK, det_delta: 'x' })).toThrow(/^artefact\.det_delta: /);
    expect(() => renderVerdictReport(VERDICTS.FIDELITY_OK, { envelope: { samples: ['a'] } as never })).toThrow(/^envelope\.samples\[0\]: /);
    expect(() => renderVerdictReport({ ...VERDICTS.NON_DETERMINISTIC, localization: { ...VERDICTS.NON_DETERMINISTIC.localization, factors: [{}] } })).toThrow(/^artefact\.localization\.factors\[0\]\.factor: /);
    expect(() => renderVerdictReport(null)).toThrow(/^artefact: /);
  });
});

describe('renderCellHistoryReport', () => {
  it('lists every verdict newest first with its exact numbers, and every promotion and image change', () => {
    const html = renderCellHistoryReport(HISTORY);
    const newestFirst = [...HISTORY.verdicts].sort((x, y) => Date.parse(y.decided_at) - Date.parse(x.decided_at));
    newestFirst.forEach((v, i) => {
      expect(fieldText(html, `verdicts[${i}].verdict`)).toEqual([v.verdict]);
      expect(fieldText(html, `verdicts[${i}].canon_delta`)).toEqual([v.canon_delta === null ? '—' : String(v.canon_delta)]);
    });
    expect([...html.matchAll(/<li data-marker="([a-z_]+)">/g)].map((m) => m[1])).toEqual(['promotion', 'image_change', 'promotion']);
    expect(fieldText(html, 'explanation')).toEqual([explainVerdict(newestFirst[0] as Verdict)]);
    expect(html.match(/<svg /g)?.length).toBe(6); // timeline, latest metric axis and latest P0, light and dark
  });

  it('puts markers at each promotion and at each change of production image, not at the first image', () => {
    const parsed = cellHistorySchema.parse(HISTORY);
    const oldestFirst = [...parsed.verdicts].sort((x, y) => Date.parse(x.decided_at) - Date.parse(y.decided_at));
    expect(historyMarkers(parsed.canonical_history, oldestFirst)).toEqual([
      { kind: 'promotion', at: '2026-11-01T09:00:00Z', label: 'canonical-2026-11-01' },
      { kind: 'image_change', at: '2026-11-16T10:00:00Z', label: 'image 77b0e2aa91c4' },
      { kind: 'promotion', at: '2026-11-20T09:00:00Z', label: 'canonical-2026-11-20' },
    ]);
  });

  it('renders an empty history without a plot and rejects a verdict of another cell', () => {
    const empty = renderCellHistoryReport({ cell: 'c', metric: 'm', canonical_history: [], eps_prod: [], verdicts: [] });
    expect(empty).toContain('Nothing to plot yet.');
    expect(empty).not.toContain('<svg');
    expect(() => renderCellHistoryReport({ ...HISTORY, cell: 'other' })).toThrow(/^history\.verdicts\[0\]\.cell: is "defi_top5\/fold-3", not the report's cell "other"/);
  });

  it('reads the shapes @repro/canonical-provenance returns', () => {
    expectTypeOf<StoreCanonicalHistoryEntry>().toExtend<CanonicalHistoryEntry>();
    expectTypeOf<StoreEpsProdRecord>().toExtend<NonNullable<VerdictReportOptions['envelope']>>();
    const { status: _status, eps_prod: _eps, ...rest } = HISTORY.eps_prod[0]!;
    const stored: StoreEpsProdRecord = { ...rest, status: 'measured', eps_prod: 0.002, cell: 'c', metric: 'm', method: 'pairwise-normal', mean: 0.61, sd: 0.001, reason: null, samples: [0.61] };
    expect(epsProdRecordSchema.parse(stored)).toMatchObject({ image_sha: stored.image_sha, samples: [0.61] });
  });
});
