import { hostname } from 'node:os';
import { QueueSchemaVersionError } from '@repro/job-queue';
import { SecretRedactor } from '@repro/replay-runner';
import { loadWorkerConfig } from '../config/load-worker-config.js';
import { WorkerConfigError } from '../config/worker-config-error.js';
import { parseWorkerSettings, WORKER_USAGE } from '../config/worker-settings.js';
import { HealthServerListenError } from '../http/health-server.js';
import { createWorkerLogger } from '../log/worker-logger.js';
import { settleWithin } from './settle-within.js';
import { SHUTDOWN_MARGIN_MS, WorkerService } from './worker-service.js';
import { readWorkerVersion } from './worker-version.js';

export interface WorkerProcess {
  argv: readonly string[];
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  stdout(text: string): void;
  stderr(text: string): void;
  /** Subscribe to SIGTERM/SIGINT. */
  onSignal(signal: 'SIGTERM' | 'SIGINT', listener: () => void): void;
}

/**
 * `repro-worker`: returns the exit code once the worker has stopped. 0 after a signal-driven graceful
 * stop (and for --help; bin/main answers --version before loading this); 2 for a bad flag, config file or environment (one line naming the field),
 * and for a job queue schema pg-boss 12 cannot migrate (pg-boss 10's).
 */
export async function runWorker(proc: WorkerProcess): Promise<number> {
  let service: WorkerService;
  let config: Awaited<ReturnType<typeof loadWorkerConfig>>;
  try {
    const settings = parseWorkerSettings(proc.argv, proc.env);
    if (settings === null) {
      proc.stdout(WORKER_USAGE);
      return 0;
    }
    config = await loadWorkerConfig(settings.configPath, proc.cwd);
    const redactor = SecretRedactor.fromEnvironment(proc.env);
    const workerId = `${hostname()}:${process.pid}`;
    const log = createWorkerLogger({ level: settings.logLevel, workerId, redactor });
    service = new WorkerService({ settings, config, env: proc.env, cwd: proc.cwd, workerId, log, redactor, version: readWorkerVersion() });
  } catch (error) {
    if (error instanceof WorkerConfigError) {
      proc.stderr(`repro-worker: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  let stops = 0;
  const stop = (signal: string) => {
    stops += 1;
    // A second signal skips the rest of the grace period (in-flight jobs are aborted and released now).
    void service.stop(signal, { now: stops > 1 });
  };
  proc.onSignal('SIGTERM', () => stop('SIGTERM'));
  proc.onSignal('SIGINT', () => stop('SIGINT'));
  try {
    await service.start();
  } catch (error) {
    if (!(error instanceof QueueSchemaVersionError) && !(error instanceof HealthServerListenError)) throw error;
    await service.stop('refused', { now: true });
    proc.stderr(`repro-worker: ${error instanceof HealthServerListenError ? `--host/--port: ${error.message}` : error.message}\n`);
    return 2;
  }
  await new Promise<void>((resolve) => {
    const wait = () => (stops > 0 ? resolve() : setTimeout(wait, 200));
    wait();
  });
  // The stop is bounded step by step; this last guard holds even if a step were not.
  const finished = await settleWithin(service.stop('SIGTERM'), config.grace_s * 1000 + SHUTDOWN_MARGIN_MS + 1000);
  if (!finished) proc.stderr('repro-worker: shutdown did not finish within grace_s + margin; exiting anyway (unfinished jobs return to the queue when their lease expires)\n');
  return 0;
}
