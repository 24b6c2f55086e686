/** A run id or pod id: a single safe key segment (no `/`, no leading dot, at most 128 characters). */
export const S43_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

export class InvalidIdError extends Error {
  override name = 'InvalidIdError';
  constructor(
    readonly field: 'run_id' | 'pod',
    readonly value: string,
  ) {
    super(`invalid ${field} ${JSON.stringify(value)}: must match ${S43_ID_PATTERN.source}`);
  }
}

/** Throw InvalidIdError unless `value` is a valid run id / pod id. Pure. */
export function checkS43Id(field: 'run_id' | 'pod', value: string): void {
  if (typeof value !== 'string' || !S43_ID_PATTERN.test(value)) throw new InvalidIdError(field, String(value));
}

export const DEFAULT_S43_PREFIX = 's43-predictions';
export const GATE_OBJECT_NAME = '_gate.json';

/** `<prefix>/<run_id>/` */
export function runPrefix(prefix: string, runId: string): string {
  checkS43Id('run_id', runId);
  return `${prefix}/${runId}/`;
}

/** `<prefix>/<run_id>/<pod>.npz` */
export function podKey(prefix: string, runId: string, pod: string): string {
  checkS43Id('pod', pod);
  return `${runPrefix(prefix, runId)}${pod}.npz`;
}

/** `<prefix>/<run_id>/_gate.json` */
export function gateKey(prefix: string, runId: string): string {
  return `${runPrefix(prefix, runId)}${GATE_OBJECT_NAME}`;
}

/** Which pod a listed key holds: `{pod}` for `<run prefix><pod>.npz`, null for anything else (gate, other files, sub-folders). */
export function podOfKey(runPrefixKey: string, key: string): { pod: string; valid: boolean } | null {
  if (!key.startsWith(runPrefixKey)) return null;
  const rest = key.slice(runPrefixKey.length);
  if (rest.includes('/') || !rest.endsWith('.npz')) return null;
  const pod = rest.slice(0, -'.npz'.length);
  return { pod, valid: S43_ID_PATTERN.test(pod) };
}
