import { dirname, isAbsolute, resolve } from 'node:path';
import type { CanonicalStore } from '@repro/canonical-provenance';
import { countWaitingJobs, type JobQueue, parseJobPayload, QueueDatabase, QueueSchemaVersionError, startJobQueue } from '@repro/job-queue';
import { backoffDelayMs, type OpenedStore, type RetryPolicy } from '@repro/s43-transport';
import type { PgBoss } from 'pg-boss';
import type { WorkerConfig } from '../config/worker-config-schema.js';
import type { WorkerSettings } from '../config/worker-settings.js';
import { type HealthServer, type ReadinessReport, startHealthServer } from '../http/health-server.js';
import { runEnvelopeJob } from '../jobs/envelope-job.js';
import { runGateJob } from '../jobs/gate-job.js';
import { runVerdictJob } from '../jobs/verdict-job.js';
import type { SecretRedactor } from '../log/secret-redactor.js';
import { logEvent, type WorkerLogger } from '../log/worker-logger.js';
import { WorkerMetrics } from '../metrics/worker-metrics.js';
import { withAdvisoryKeyLock } from '../store/advisory-key-lock.js';
import { openArtefactStore } from '../store/open-artefact-store.js';
import { openMigratedCanonicalStore } from '../store/open-canonical-store-from-env.js';
import { VerdictLedger } from '../store/verdict-ledger.js';
import { JobAbort } from './job-abort.js';
import { JobClaimer } from './job-claimer.js';
import { type JobHandler, runClaimedJob } from './run-claimed-job.js';

/** Backoff between connection attempts at start-up: 1 s doubling to 15 s (jittered), until stopped. */
const CONNECT_BACKOFF: RetryPolicy = { maxAttempts: Number.POSITIVE_INFINITY, baseDelayMs: 1000, maxDelayMs: 15_000 };

export interface WorkerServiceOptions {
  settings: WorkerSettings;
  config: WorkerConfig;
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  workerId: string;
  log: WorkerLogger;
  redactor: SecretRedactor;
  /** This worker's version (package manifest), for repro_worker_build_info. */
  version: string;
  now?: () => Date;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Sleep, cut short when `signal` aborts. */
const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });

/**
 * The running worker: health server first (so liveness answers while the database is still coming up),
 * then the job database (pg-boss installed/migrated, queues created, the canonical store migrated —
 * retried until it works), then the claim loop. `stop()` is the graceful shutdown.
 */
export class WorkerService {
  readonly metrics: WorkerMetrics;
  readonly db: QueueDatabase;
  readonly artefacts: OpenedStore;
  #http: HealthServer | null = null;
  #boss: PgBoss | null = null;
  #store: CanonicalStore | null = null;
  #claimer: JobClaimer | null = null;
  #stopping = false;
  readonly #stopSignal = new AbortController();
  #stopped: Promise<void> | null = null;
  #connecting: Promise<void> | null = null;

  constructor(private readonly options: WorkerServiceOptions) {
    const { settings, config, log } = options;
    this.db = new QueueDatabase({
      databaseUrl: settings.databaseUrl,
      schema: settings.queueSchema,
      applicationName: 'repro-worker',
      maxConnections: settings.concurrency + 4,
      onReachability: (up, error) => {
        this.metrics?.databaseUp.set(up ? 1 : 0);
        if (up) log.info({ event: 'database_reachable', database: this.db.where });
        else log.warn({ event: 'database_unreachable', database: this.db.where, message: message(error) });
      },
    });
    this.metrics = new WorkerMetrics({ version: options.version, queues: settings.queues, readQueueDepth: () => (this.#boss ? countWaitingJobs(this.#boss, settings.queues) : Promise.reject(new Error('job queue not started'))) });
    const configFile = isAbsolute(settings.configPath) ? settings.configPath : resolve(options.cwd, settings.configPath);
    this.artefacts = openArtefactStore({ envUri: settings.storeUri, configUri: config.store, configPath: settings.configPath, configDir: dirname(configFile), env: options.env, cwd: options.cwd });
  }

  /** The bound HTTP port. */
  get port(): number {
    return this.#http?.port ?? -1;
  }

  async start(): Promise<void> {
    const { settings, config, log } = this.options;
    this.#http = await startHealthServer({ host: settings.host, port: settings.port, endpoints: { readiness: () => this.readiness(), metrics: () => this.metrics.render() } });
    log.info({
      event: 'worker_started',
      port: this.#http.port,
      host: settings.host,
      pid: process.pid,
      concurrency: settings.concurrency,
      queues: settings.queues,
      profiles: Object.keys(config.profiles),
      database: this.db.where,
      queue_schema: settings.queueSchema,
      store: this.artefacts.store.baseUri,
    });
    this.#connecting = this.#connect();
    await this.#connecting;
  }

  async #connect(): Promise<void> {
    const { settings, config, log, env } = this.options;
    for (let attempt = 1; !this.#stopping; attempt += 1) {
      try {
        this.#boss = await startJobQueue(this.db, {
          supervise: true,
          maintenanceIntervalSeconds: config.queue.maintenance_interval_s,
          policy: { retryLimit: config.queue.retry_limit, retryDelaySeconds: config.queue.retry_delay_s, retryBackoff: config.queue.retry_backoff, leaseSeconds: config.queue.lease_s },
          onError: (error) => log.warn({ event: 'queue_error', message: message(error) }),
        });
        const ledger = new VerdictLedger(this.db);
        await ledger.install();
        this.#store = await openMigratedCanonicalStore({ databaseUrl: settings.databaseUrl, schema: env.REPRO_DB_SCHEMA, poolSize: Math.min(settings.concurrency + 2, 16), emit: (event) => logEvent(log, event) });
        this.#startClaiming(ledger);
        log.info({ event: 'worker_ready', attempt });
        return;
      } catch (error) {
        await this.#boss?.stop({ graceful: false, close: false }).catch(() => undefined);
        this.#boss = null;
        if (error instanceof QueueSchemaVersionError) {
          // Not a passing condition: retrying cannot help, and nothing was changed in that schema.
          log.error({ event: 'queue_schema_refused', database: this.db.where, queue_schema: error.schema, schema_version: error.found, message: error.message });
          throw error;
        }
        const waitMs = Math.round(backoffDelayMs(attempt, CONNECT_BACKOFF, Math.random()));
        log.warn({ event: 'worker_connect_failed', attempt, retry_in_ms: waitMs, database: this.db.where, message: message(error) });
        await sleep(waitMs, this.#stopSignal.signal);
      }
    }
  }

  #handlers(ledger: VerdictLedger): Record<JobQueue, JobHandler> {
    const { config, env, settings } = this.options;
    const store = this.#store!;
    const now = this.options.now ?? (() => new Date());
    return {
      verdict: (data, ctx) =>
        runVerdictJob(parseJobPayload('verdict', data), ctx, {
          profiles: config.profiles,
          parentEnv: env,
          defaultImageSha: settings.defaultImageSha,
          store,
          artefacts: this.artefacts.store,
          artefactPrefix: this.artefacts.prefix,
          ledger,
          now,
        }),
      envelope: (data, ctx) =>
        runEnvelopeJob(parseJobPayload('envelope', data), ctx, {
          profiles: config.profiles,
          parentEnv: env,
          store,
          withKeyLock: (key, signal, work) => withAdvisoryKeyLock(this.db, key, signal, work),
        }),
      gate: (data, ctx) => runGateJob(parseJobPayload('gate', data), ctx, { store: this.artefacts.store, prefix: this.artefacts.prefix }),
    };
  }

  #startClaiming(ledger: VerdictLedger): void {
    const { settings, config, log, redactor } = this.options;
    const handlers = this.#handlers(ledger);
    const boss = this.#boss!;
    this.#claimer = new JobClaimer({
      boss,
      queues: settings.queues,
      concurrency: settings.concurrency,
      pollIntervalMs: config.queue.poll_interval_ms,
      databaseUp: () => this.db.up,
      start: (job) =>
        runClaimedJob(job, {
          db: this.db,
          boss,
          log,
          metrics: this.metrics,
          redactor,
          leaseSeconds: config.queue.lease_s,
          handler: handlers[job.name as JobQueue],
        }),
    });
    this.#claimer.start();
  }

  async readiness(): Promise<ReadinessReport> {
    if (this.#stopping) return { ready: false, checks: { worker: { ok: false, detail: 'stopping' } } };
    const checks: ReadinessReport['checks'] = {};
    try {
      await this.db.ping();
      checks.database = { ok: true };
    } catch (error) {
      checks.database = { ok: false, detail: message(error) };
    }
    checks.queue = this.#boss && this.#claimer ? { ok: true } : { ok: false, detail: 'job queue not installed/migrated yet' };
    if (this.#store) {
      try {
        const status = await this.#store.migrationStatus();
        checks.store = status.problem === null && status.pending.length === 0 ? { ok: true } : { ok: false, detail: status.problem?.message ?? `pending migrations ${status.pending.map((m) => m.version).join(', ')}` };
      } catch (error) {
        checks.store = { ok: false, detail: message(error) };
      }
    } else checks.store = { ok: false, detail: 'canonical store not opened yet' };
    return { ready: Object.values(checks).every((c) => c.ok), checks };
  }

  /**
   * Graceful stop: not ready, no more claims; in-flight jobs get `grace_s` to finish, then are aborted
   * (their replays' process groups killed) and returned to the queue. Idempotent; `now` skips the grace.
   */
  stop(signal: string, options: { now?: boolean } = {}): Promise<void> {
    if (this.#stopped) {
      if (options.now) for (const job of this.#claimer?.running.values() ?? []) job.abort(new JobAbort('shutdown'));
      return this.#stopped;
    }
    this.#stopping = true;
    this.#stopSignal.abort();
    this.#stopped = this.#shutdown(signal, options.now === true);
    return this.#stopped;
  }

  async #shutdown(signal: string, now: boolean): Promise<void> {
    const { config, log } = this.options;
    const running = () => [...(this.#claimer?.running.values() ?? [])];
    log.info({ event: 'worker_stopping', signal, in_flight: running().length, grace_s: now ? 0 : config.grace_s });
    await this.#connecting?.catch(() => undefined);
    await this.#claimer?.stop();
    const inFlight = running();
    if (inFlight.length > 0 && !now) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([Promise.allSettled(inFlight.map((j) => j.done)), new Promise((r) => (timer = setTimeout(r, config.grace_s * 1000)))]);
      clearTimeout(timer);
    }
    const left = running();
    for (const job of left) {
      log.warn({ event: 'job_aborting', job_id: job.id, queue: job.queue, message: 'grace period over: aborting, the job returns to the queue' });
      job.abort(new JobAbort('shutdown'));
    }
    await Promise.allSettled(left.map((j) => j.done));
    await this.#boss?.stop({ graceful: false, close: false }).catch(() => undefined);
    await this.#store?.close().catch(() => undefined);
    await this.db.close();
    await this.#http?.close();
    log.info({ event: 'worker_stopped', signal });
  }
}
