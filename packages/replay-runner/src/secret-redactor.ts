import { MIN_SECRET_LENGTH, type SecretValue, secretsOfEnvironment } from './secret-environment.js';

/** What a redaction writes: `[redacted:NAME]`, NAME the variable the secret came from (or the pattern's name). */
function marker(name: string): string {
  return `[redacted:${name}]`;
}

/** A marker already written: left as it is, so redacting twice changes nothing. */
const MARKER_SOURCE = String.raw`\[redacted:[^\]\s]*\]`;

/** `scheme://user:password@` in any text: the password, unless it is a marker already. */
const URL_PASSWORD = /([a-z][a-z0-9+.-]*:\/\/[^\s:/@]*):(?!\[redacted:)([^\s@/]+)@/gi;

/** An AWS access key id (`AKIA…` long-term, `ASIA…` temporary). */
const AWS_ACCESS_KEY_ID = /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * The one redactor of Repro: replaces secrets in text and in JSON values before they are shown, logged or
 * stored (verdict artefacts, the verdict history, the worker's ledger, job results, log lines). Matching is
 * by value, so it holds whatever path a value took — a training script reading its parent's environment
 * and reporting a token in its fingerprint included.
 *
 * Redacted, in every string:
 * - each secret value it was built with → `[redacted:NAME]` (longest first, in one pass);
 * - any URL password (`scheme://user:password@host`) → `scheme://user:[redacted:url-password]@host`;
 * - AWS access key ids (`AKIA…`, `ASIA…`) → `[redacted:aws-access-key-id]`.
 * Markers are never redacted again: `redact(redact(x))` equals `redact(x)`.
 *
 * Build it with `SecretRedactor.fromEnvironment(process.env)` (the secret values rules are
 * `secretsOfEnvironment`'s: names like SECRET_ENV_NAME, names listed in `REPRO_SECRET_ENV`, URL passwords;
 * values shorter than MIN_SECRET_LENGTH are ignored).
 */
export class SecretRedactor {
  readonly #names: ReadonlyMap<string, string>;
  readonly #pattern: RegExp | null;

  /** From explicit values (those shorter than MIN_SECRET_LENGTH are ignored; a value given twice keeps its first name). */
  constructor(secrets: Iterable<SecretValue>) {
    const names = new Map<string, string>();
    for (const { value, name } of secrets) if (value.length >= MIN_SECRET_LENGTH && !names.has(value)) names.set(value, name);
    this.#names = names;
    const values = [...names.keys()].sort((a, b) => b.length - a.length).map(escapeRegExp);
    this.#pattern = values.length === 0 ? null : new RegExp(`${MARKER_SOURCE}|${values.join('|')}`, 'g');
  }

  /** The secrets of an environment (`secretsOfEnvironment`): pass the whole environment of the process, not a replay's allowlist. */
  static fromEnvironment(env: Readonly<Record<string, string | undefined>>): SecretRedactor {
    return new SecretRedactor(secretsOfEnvironment(env));
  }

  /** How many distinct secret values it redacts (patterns aside). */
  get size(): number {
    return this.#names.size;
  }

  /** The text with every secret replaced by its marker. */
  redactText(text: string): string {
    let out = text;
    if (this.#pattern !== null) out = out.replace(this.#pattern, (match) => (this.#names.has(match) ? marker(this.#names.get(match)!) : match));
    return out.replace(URL_PASSWORD, `$1:${marker('url-password')}@`).replace(AWS_ACCESS_KEY_ID, marker('aws-access-key-id'));
  }

  /**
   * A deep copy of a JSON-like value with every string redacted, object keys included. Arrays and plain
   * objects are copied; an Error becomes `{ name, message }`; another object becomes what its `toJSON()`
   * gives (a Date its ISO string) or a plain object of its own fields; a reference cycle becomes
   * `"[circular]"`. Numbers, booleans, null and undefined are returned as they are.
   */
  redact<T>(value: T): T {
    return this.#walk(value, new Set()) as T;
  }

  #walk(value: unknown, ancestors: Set<object>): unknown {
    if (typeof value === 'string') return this.redactText(value);
    if (value === null || typeof value !== 'object') return value;
    if (ancestors.has(value)) return '[circular]';
    ancestors.add(value);
    try {
      if (Array.isArray(value)) return value.map((item) => this.#walk(item, ancestors));
      if (value instanceof Error) return { name: value.name, message: this.redactText(value.message) };
      if (!isPlainObject(value) && typeof (value as { toJSON?: unknown }).toJSON === 'function') {
        return this.#walk((value as { toJSON: () => unknown }).toJSON(), ancestors);
      }
      const out: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(value)) out[this.redactText(key)] = this.#walk(item, ancestors);
      return out;
    } finally {
      ancestors.delete(value);
    }
  }
}
