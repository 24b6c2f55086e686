import { readFileSync } from 'node:fs';

/** The worker-time parameters from REPRO_PARAMS_FILE; `{}` when the runner gave none. */
export function params(): Record<string, unknown> {
  const file = process.env.REPRO_PARAMS_FILE;
  if (!file) return {};
  const value: unknown = JSON.parse(readFileSync(file, 'utf8'));
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new TypeError(`REPRO_PARAMS_FILE ${file}: expected a JSON object`);
  }
  return value as Record<string, unknown>;
}
