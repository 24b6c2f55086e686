import type { EpsProdLookup } from '@repro/canonical-provenance';
import { formatNumber, renderKeyValues } from '../../output/render-table.js';

const FLAGS: Readonly<Record<string, string>> = { image_sha: '--image-sha', cell: '--cell', metric: '--metric', samples: '--values', n: '--values' };

/** A store eps_prod field as the flag that carries it (`image_sha` → `--image-sha`); others unchanged. */
export function envelopeFlagName(field: string): string {
  return FLAGS[field] ?? field;
}

/** JSON has no NaN/±Infinity: a stored non-finite sample is printed as the string verdict-core uses for it. */
function jsonSample(value: number): number | string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Number.POSITIVE_INFINITY) return 'Infinity';
  if (value === Number.NEGATIVE_INFINITY) return '-Infinity';
  return value;
}

/** An eps_prod lookup as one JSON-safe document. */
export function epsProdJson(lookup: EpsProdLookup): unknown {
  return lookup.present ? { ...lookup, samples: lookup.samples.map(jsonSample) } : lookup;
}

/** An eps_prod lookup for people (every number in its shortest round-trip form). */
export function renderEpsProd(key: { imageSha: string; cell: string; metric: string }, lookup: EpsProdLookup): string {
  if (!lookup.present) return `no eps_prod stored for image ${key.imageSha}, cell ${key.cell}, metric ${key.metric}\n`;
  return renderKeyValues([
    ['image_sha', lookup.image_sha],
    ['cell', lookup.cell],
    ['metric', lookup.metric],
    ['status', lookup.status],
    ['eps_prod', lookup.eps_prod],
    ...(lookup.reason === null ? [] : ([['reason', lookup.reason]] as const)),
    ['n', lookup.n],
    ['method', lookup.method],
    ['coverage', lookup.coverage],
    ['confidence', lookup.confidence],
    ['mean', lookup.mean],
    ['sd', lookup.sd],
    ['samples', lookup.samples.map((x) => formatNumber(x)).join(', ')],
    ['measured_at', lookup.measured_at],
  ]);
}
