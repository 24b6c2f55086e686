import { databasePassword } from '@repro/job-queue';

/** Env variable names whose values are treated as secrets. */
export const SECRET_NAME_PATTERN = /SECRET|TOKEN|PASSWORD|PASSWD|PASSPHRASE|CREDENTIAL|PRIVATE|API_?KEY|ACCESS_KEY|SESSION_KEY|DATABASE_URL|DSN/i;

const MIN_SECRET_LENGTH = 4;

/**
 * Replaces secret values wherever they show up in text that leaves the worker: log lines, events, job
 * results and job errors (a training script that prints its token on stderr, a driver error quoting a
 * connection string). Matching is by value, so it holds whatever path the value took.
 */
export class SecretRedactor {
  readonly #secrets: { value: string; label: string }[];

  constructor(secrets: Iterable<{ value: string; label: string }>) {
    const unique = new Map<string, string>();
    for (const { value, label } of secrets) if (value.length >= MIN_SECRET_LENGTH && !unique.has(value)) unique.set(value, label);
    this.#secrets = [...unique].map(([value, label]) => ({ value, label })).sort((a, b) => b.value.length - a.value.length);
  }

  /** Secrets of an environment: variables named like secrets, DATABASE_URL and its password. */
  static fromEnv(env: Readonly<Record<string, string | undefined>>): SecretRedactor {
    const secrets: { value: string; label: string }[] = [];
    for (const [name, value] of Object.entries(env)) {
      if (value !== undefined && SECRET_NAME_PATTERN.test(name)) secrets.push({ value, label: name });
    }
    const password = env.DATABASE_URL === undefined ? null : databasePassword(env.DATABASE_URL);
    if (password !== null) secrets.push({ value: password, label: 'DATABASE_URL password' });
    return new SecretRedactor(secrets);
  }

  redactText(text: string): string {
    let out = text;
    for (const { value, label } of this.#secrets) if (out.includes(value)) out = out.split(value).join(`[redacted ${label}]`);
    return out;
  }

  /** A deep copy with every string redacted (keys included). */
  redact<T>(value: T): T {
    if (this.#secrets.length === 0) return value;
    return this.#walk(value, 0) as T;
  }

  #walk(value: unknown, depth: number): unknown {
    if (typeof value === 'string') return this.redactText(value);
    if (value === null || typeof value !== 'object' || depth > 32) return value;
    if (value instanceof Error) return { name: value.name, message: this.redactText(value.message) };
    if (Array.isArray(value)) return value.map((v) => this.#walk(v, depth + 1));
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[this.redactText(k)] = this.#walk(v, depth + 1);
    return out;
  }
}
