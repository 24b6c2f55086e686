import type { VerdictName } from '@repro/verdict-core';

/** The colours of one rendering of a chart; every chart is rendered once per palette (light, dark). */
export interface ChartPalette {
  readonly name: 'light' | 'dark';
  readonly text: string;
  readonly axis: string;
  readonly grid: string;
  readonly replayA: string;
  readonly replayB: string;
  readonly canonical: string;
  readonly samples: string;
  readonly epsProd: string;
  readonly epsNum: string;
  readonly promotion: string;
  readonly imageChange: string;
  readonly moved: string;
  readonly unmoved: string;
  readonly parityEqual: string;
  readonly parityDiffers: string;
  readonly parityMissing: string;
  readonly verdict: Readonly<Record<VerdictName, string>>;
}

export const LIGHT_PALETTE: ChartPalette = {
  name: 'light',
  text: '#1f2328',
  axis: '#57606a',
  grid: '#d8dee4',
  replayA: '#0969da',
  replayB: '#8250df',
  canonical: '#1f2328',
  samples: '#6e7781',
  epsProd: '#0969da',
  epsNum: '#bc4c00',
  promotion: '#1f2328',
  imageChange: '#8250df',
  moved: '#cf222e',
  unmoved: '#8c959f',
  parityEqual: '#eef1f4',
  parityDiffers: '#ffcecb',
  parityMissing: '#fff1a8',
  verdict: { FIDELITY_OK: '#1a7f37', NON_DETERMINISTIC: '#bc4c00', CANONICAL_DIVERGENCE: '#cf222e', INCONCLUSIVE_TOOLING: '#6e7781' },
};

export const DARK_PALETTE: ChartPalette = {
  name: 'dark',
  text: '#e6edf3',
  axis: '#9198a1',
  grid: '#3d444d',
  replayA: '#4493f8',
  replayB: '#ab7df8',
  canonical: '#e6edf3',
  samples: '#9198a1',
  epsProd: '#4493f8',
  epsNum: '#f0883e',
  promotion: '#e6edf3',
  imageChange: '#ab7df8',
  moved: '#f85149',
  unmoved: '#656c76',
  parityEqual: '#1c232c',
  parityDiffers: '#6e2626',
  parityMissing: '#5a4a12',
  verdict: { FIDELITY_OK: '#3fb950', NON_DETERMINISTIC: '#f0883e', CANONICAL_DIVERGENCE: '#f85149', INCONCLUSIVE_TOOLING: '#9198a1' },
};

export const PALETTES = [LIGHT_PALETTE, DARK_PALETTE] as const;
