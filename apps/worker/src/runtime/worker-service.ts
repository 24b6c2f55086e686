import { dirname, isAbsolute, resolve } from 'node:path';
import type { CanonicalStore } from '@repro/canonical-provenance';
import { countWaitingJobs, type JobQueue, parseJobPayload, QueueDatabase, QueueSchemaVersionError, startJobQueue } from '@repro/job-queue';
import type { SecretRedactor } from '@repro/replay-runner';
import { backoffDelayMs, type OpenedStore, type RetryPolicy } from '@repro/s43-transport';
import type { PgBoss } from 'pg-boss';
import type { WorkerConfig } from '../config/worker-config-schema.js';
import type { WorkerSettings } from '../config/worker-settings.js';
import { type HealthServer, type ReadinessReport, startHealthServer } from '../http/health-server.js';
import { runEnvelopeJob } from '../jobs/envelope-job.js';
import { runGateJob } from '../jobs/gate-job.js';
import { runVerdictJob } from '../jobs/verdict-job.js';
import { logEvent, type WorkerLogger } from '../log/worker-logger.js';
import { WorkerMetrics } from '../metrics/worker-metrics.js';
import { withAdvisoryKeyLock } from '../store/advisory-key-lock.js';
import { canonicalStoreForJob, objectStoreForJob } from '../store/job-scoped-stores.js';
import { openArtefactStore } from '../store/open-artefact-store.js';
import { openMigratedCanonicalStore } from '../store/open-canonical-store-from-env.js';
import { VerdictLedger } from '../store/verdict-ledger.js';
import { JobAbort } from './job-abort.js';
import { JobClaimer } from './job-claimer.js';
import { ABORT_SETTLE_MS, type JobHandler, runClaimedJob } from './run-claimed-job.js';
import { raceAbort, settleWithin } from './settle-within.js';

/** Each /readyz check (database, queue, canonical store, object store) answers within this, or fails. */
export const READINESS_CHECK_TIMEOUT_MS = 2_000;
/** How long the steps around the grace period may take each (stop connecting, stop claiming, close). */
const SHUTDOWN_STEP_MS = 2_000;
/**
 * A stop ends within `grace_s` plus this margin whatever the database and the stores do: connecting and
 * claiming stopped (2 s each), aborted jobs given back (ABORT_SETTLE_MS twice: the handler, then the
 * release write), pools closed (2 s).
 */
export const SHUTDOWN_MARGIN_MS = 3 * SHUTDOWN_STEP_MS + 2 * ABORT_SETTLE_MS;

/** The object a /readyz object-store check asks for (absence is the normal answer: it proves the store answers). */
const READINESS_PROBE_KEY = '.repro-readyz-probe';

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
    const { settings, config, log } = this.options;
    for (let attempt = 1; !this.#stopping; attempt += 1) {
      try {
        this.#boss = await startJobQueue(this.db, {
          supervise: true,
          maintenanceIntervalSeconds: config.queue.maintenance_interval_s,
          policy: { retryLimit: config.queue.retry_limit, retryDelaySeconds: config.queue.retry_delay_s, retryBackoff: config.queue.retry_backoff, leaseSeconds: config.queue.lease_s },
          onError: (error) => log.warn({ event: 'queue_error', message: message(error) }),
          signal: this.#stopSignal.signal,
        });
        const ledger = new VerdictLedger(this.db);
        await ledger.install();
        this.#store = await openMigratedCanonicalStore({ databaseUrl: settings.databaseUrl, schema: settings.storeSchema, poolSize: Math.min(settings.concurrency + 2, 16), emit: (event) => logEvent(log, event) });
        if (this.#stopping) return; // stopped while connecting: claim nothing
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
    const canonical = this.#store!;
    const now = this.options.now ?? (() => new Date());
    // Each job sees the stores through its abort signal: a shutdown or a lost lease ends its store calls.
    return {
      verdict: (data, ctx) =>
        runVerdictJob(parseJobPayload('verdict', data), ctx, {
          profiles: config.profiles,
          parentEnv: env,
          defaultImageSha: settings.defaultImageSha,
          store: canonicalStoreForJob(canonical, ctx.signal),
          artefacts: objectStoreForJob(this.artefacts.store, ctx.signal),
          artefactPrefix: this.artefacts.prefix,
          ledger,
          now,
          redactor: this.options.redactor,
        }),
      envelope: (data, ctx) =>
        runEnvelopeJob(parseJobPayload('envelope', data), ctx, {
          profiles: config.profiles,
          parentEnv: env,
          store: canonicalStoreForJob(canonical, ctx.signal),
          withKeyLock: (key, signal, work) => withAdvisoryKeyLock(this.db, key, signal, work),
        }),
      gate: (data, ctx) => runGateJob(parseJobPayload('gate', data), ctx, { store: objectStoreForJob(this.artefacts.store, ctx.signal), prefix: this.artefacts.prefix }),
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

  /**
   * /readyz: the job database answers, the queue is installed, the canonical store answers and is migrated,
   * and the object store answers — each within READINESS_CHECK_TIMEOUT_MS, checked at once. Any failing
   * check (an unreachable or silent database or store included) makes the worker not ready (503).
   */
  async readiness(): Promise<ReadinessReport> {
    if (this.#stopping) return { ready: false, checks: { worker: { ok: false, detail: 'stopping' } } };
    const timeoutMs = READINESS_CHECK_TIMEOUT_MS;
    const check = async (work: (signal: AbortSignal) => Promise<string | null>): Promise<{ ok: boolean; detail?: string }> => {
      const signal = AbortSignal.timeout(timeoutMs);
      try {
        const problem = await raceAbort(work(signal), signal);
        return problem === null ? { ok: true } : { ok: false, detail: problem };
      } catch (error) {
        return { ok: false, detail: signal.aborted ? `no answer within ${timeoutMs / 1000} s` : message(error) };
      }
    };
    const store = this.#store;
    const prefix = this.artefacts.prefix;
    const [database, canonical, objects] = await Promise.all([
      check(async (signal) => {
        await this.db.ping({ timeoutMs, signal });
        return null;
      }),
      store === null
        ? Promise.resolve({ ok: false, detail: 'canonical store not opened yet' })
        : check(async () => {
            const status = await store.migrationStatus();
            return status.problem === null && status.pending.length === 0 ? null : (status.problem?.message ?? `pending migrations ${status.pending.map((m) => m.version).join(', ')}`);
          }),
      check(async (signal) => {
        await this.artefacts.store.head(prefix ? `${prefix}/${READINESS_PROBE_KEY}` : READINESS_PROBE_KEY, { signal });
        return null;
      }),
    ]);
    const checks: ReadinessReport['checks'] = {
      database,
      queue: this.#boss && this.#claimer ? { ok: true } : { ok: false, detail: 'job queue not installed/migrated yet' },
      store: canonical,
      object_store: objects,
    };
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
    // Every step is bounded: a database or store that stopped answering cannot hold the worker past grace_s + SHUTDOWN_MARGIN_MS.
    await settleWithin(this.#connecting, SHUTDOWN_STEP_MS);
    await settleWithin(this.#claimer?.stop(), SHUTDOWN_STEP_MS);
    const inFlight = running();
    if (inFlight.length > 0 && !now) await settleWithin(Promise.allSettled(inFlight.map((j) => j.done)), config.grace_s * 1000);
    const left = running();
    for (const job of left) {
      log.warn({ event: 'job_aborting', job_id: job.id, queue: job.queue, message: 'grace period over: aborting, the job returns to the queue' });
      job.abort(new JobAbort('shutdown'));
    }
    if (!(await settleWithin(Promise.allSettled(left.map((j) => j.done)), 2 * ABORT_SETTLE_MS))) {
      log.warn({ event: 'job_release_unconfirmed', jobs: running().map((j) => j.id), message: 'the database did not confirm the release in time: the lease expiry returns these jobs to the queue' });
    }
    const closed = await settleWithin(
      (async () => {
        await this.#boss?.stop({ graceful: false, close: false }).catch(() => undefined);
        await this.#store?.close().catch(() => undefined);
        await this.db.close();
      })(),
      SHUTDOWN_STEP_MS,
    );
    if (!closed) log.warn({ event: 'database_close_abandoned', message: 'the database did not answer while closing; exiting anyway' });
    await this.#http?.close();
    log.info({ event: 'worker_stopped', signal });
  }
}
