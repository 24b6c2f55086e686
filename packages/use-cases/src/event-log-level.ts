/** The one severity vocabulary of every package's events (see docs/events.md at the repository root). */
export const EVENT_SEVERITIES = ['info', 'warning', 'error'] as const;
export type EventSeverity = (typeof EVENT_SEVERITIES)[number];

/** The log level an app writes an event at (pino's level names). */
export type EventLogLevel = 'info' | 'warn' | 'error';

/**
 * The log level of a package event, from its `severity`: `warning` → `warn`, `error` → `error`, anything
 * else (or no severity) → `info`. The one mapping both apps (the CLI's `--events` log, the worker's log) use.
 */
export function eventLogLevel(event: { readonly severity?: unknown }): EventLogLevel {
  if (event.severity === 'warning') return 'warn';
  if (event.severity === 'error') return 'error';
  return 'info';
}
