import type { SecretRedactor } from '@repro/replay-runner';
import { eventLogLevel } from '@repro/use-cases';
import { type Logger, pino } from 'pino';

export type WorkerLogger = Logger;

/** A worker log event: a name and its fields. */
export type WorkerLogEvent = { readonly event: string; readonly severity?: string } & Readonly<Record<string, unknown>>;

/**
 * Structured JSON logs on stdout, one line per event (`time`, `level`, `service`, `worker_id`, `event`,
 * then the fields; job lines add `job_id`, `queue`, `cell`). Every line passes through the redactor.
 * Writes are synchronous so nothing is lost when the process exits.
 */
export function createWorkerLogger(options: { level: string; workerId: string; redactor: SecretRedactor; write?: (line: string) => void }): WorkerLogger {
  const destination = options.write ? { write: options.write } : pino.destination({ dest: 1, sync: true });
  return pino(
    {
      level: options.level,
      base: { service: 'repro-worker', worker_id: options.workerId },
      messageKey: 'message',
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: {
        level: (label) => ({ level: label }),
        log: (object) => options.redactor.redact(object),
      },
    },
    destination,
  );
}

/** Log a library event (`s18_*`, `replay_*`, `s43_*`) at the level its severity asks for. */
export function logEvent(logger: WorkerLogger, event: WorkerLogEvent): void {
  logger[eventLogLevel(event)]({ ...event });
}
