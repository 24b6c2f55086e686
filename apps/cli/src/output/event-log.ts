import { createRequire } from 'node:module';
import type { CliIo } from '../cli-io.js';

export type LogFormat = 'json' | 'logfmt';
export const LOG_FORMATS: readonly LogFormat[] = ['json', 'logfmt'];

/** A package event: a plain object with an `event` name and, optionally, a `severity`. */
export type CliEvent = { readonly event: string; readonly severity?: string } & Readonly<Record<string, unknown>>;

type Level = 'info' | 'warn' | 'error';

function levelOf(event: CliEvent): Level {
  const severity = typeof event.severity === 'string' ? event.severity.toLowerCase() : 'info';
  if (severity === 'warn' || severity === 'warning') return 'warn';
  if (severity === 'error' || severity === 'fatal') return 'error';
  return 'info';
}

function logfmtValue(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value) ?? 'null';
  return /^[^\s"=\\]+$/.test(text) ? text : JSON.stringify(text);
}

/** One logfmt line: `time=… level=… event=… key=value…`, quoting values that need it. */
export function formatLogfmt(time: string, level: Level, event: CliEvent): string {
  const pairs: string[] = [`time=${time}`, `level=${level}`];
  for (const [key, value] of Object.entries(event)) pairs.push(`${key}=${logfmtValue(value)}`);
  return `${pairs.join(' ')}\n`;
}

/**
 * Renders package events on stderr, one line each: a pino JSON line (`level`, `time`, then the
 * event's fields) or, with `--log-format logfmt`, a logfmt line. stdout stays for the command's result.
 */
export function createEventLog(io: CliIo, format: LogFormat, now: () => Date = () => new Date()): (event: CliEvent) => void {
  if (format === 'logfmt') {
    return (event) => io.stderr(formatLogfmt(now().toISOString(), levelOf(event), event));
  }
  // pino is loaded on the first event only: `repro --help` and commands run without --events never load it.
  const { pino } = createRequire(import.meta.url)('pino') as typeof import('pino');
  const logger = pino(
    {
      base: undefined,
      messageKey: 'message',
      timestamp: () => `,"time":"${now().toISOString()}"`,
      formatters: { level: (label) => ({ level: label }) },
    },
    { write: (line: string) => io.stderr(line) },
  );
  return (event) => logger[levelOf(event)]({ ...event });
}
