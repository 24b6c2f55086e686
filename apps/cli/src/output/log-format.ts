/** How `--events` are printed on stderr: one pino JSON line each, or one logfmt line. */
export type LogFormat = 'json' | 'logfmt';
export const LOG_FORMATS: readonly LogFormat[] = ['json', 'logfmt'];

/** A package event: a plain object with an `event` name and, optionally, a `severity`. */
export type CliEvent = { readonly event: string; readonly severity?: string } & Readonly<Record<string, unknown>>;
