import { type EventLogLevel, eventLogLevel } from '@repro/use-cases';
import { pino } from 'pino';
import type { CliIo } from '../cli-io.js';
import type { CliEvent, LogFormat } from './log-format.js';

function logfmtValue(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value) ?? 'null';
  return /^[^\s"=\\]+$/.test(text) ? text : JSON.stringify(text);
}

/** One logfmt line: `time=… level=… event=… key=value…`, quoting values that need it. */
export function formatLogfmt(time: string, level: EventLogLevel, event: CliEvent): string {
  const pairs: string[] = [`time=${time}`, `level=${level}`];
  for (const [key, value] of Object.entries(event)) pairs.push(`${key}=${logfmtValue(value)}`);
  return `${pairs.join(' ')}\n`;
}

/**
 * Renders package events on stderr, one line each: a pino JSON line (`level`, `time`, then the
 * event's fields) or, with `--log-format logfmt`, a logfmt line. stdout stays for the command's result.
 * Loaded only under --events (run-cli), so pino and the use-case layer stay out of start-up.
 */
export function createEventLog(io: CliIo, format: LogFormat, now: () => Date = () => new Date()): (event: CliEvent) => void {
  if (format === 'logfmt') {
    return (event) => io.stderr(formatLogfmt(now().toISOString(), eventLogLevel(event), event));
  }
  const logger = pino(
    {
      base: undefined,
      messageKey: 'message',
      timestamp: () => `,"time":"${now().toISOString()}"`,
      formatters: { level: (label) => ({ level: label }) },
    },
    { write: (line: string) => io.stderr(line) },
  );
  return (event) => logger[eventLogLevel(event)]({ ...event });
}
