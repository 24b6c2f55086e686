import { renameSync, writeFileSync } from 'node:fs';
import { captureFingerprint } from './capture-fingerprint.js';

export interface ChildResultPayload {
  readonly metrics: Record<string, number | 'NaN' | 'Infinity' | '-Infinity'>;
  readonly fingerprint: Record<string, unknown>;
}

/**
 * Writes the result file (REPRO_RESULT_FILE) atomically: the metrics (non-finite values as the strings
 * "NaN" / "Infinity" / "-Infinity") and the fingerprint captured here; `fingerprintExtra` fields
 * (e.g. `feature_versions`, `build_sha`) land at the top level of the fingerprint and win over captured
 * values. Outside the runner (no REPRO_RESULT_FILE) nothing is written. Returns what was (or would be) written.
 */
export function writeResult(metrics: Record<string, number>, fingerprintExtra: Record<string, unknown> = {}): ChildResultPayload {
  const encoded: ChildResultPayload['metrics'] = {};
  for (const [name, value] of Object.entries(metrics)) {
    if (typeof value !== 'number') throw new TypeError(`metric ${name}: expected a number, got ${typeof value}`);
    encoded[name] = Number.isNaN(value) ? 'NaN' : value === Number.POSITIVE_INFINITY ? 'Infinity' : value === Number.NEGATIVE_INFINITY ? '-Infinity' : value;
  }
  const payload: ChildResultPayload = { metrics: encoded, fingerprint: { ...captureFingerprint(), ...fingerprintExtra } };
  const file = process.env.REPRO_RESULT_FILE;
  if (file) {
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, `${JSON.stringify(payload)}\n`);
    renameSync(tmp, file);
  }
  return payload;
}
