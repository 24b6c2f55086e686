import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/** How a job attempt ended, from this worker's point of view. */
export type JobOutcome =
  /** done; result stored */
  | 'completed'
  /** failed; pg-boss retries it after a backoff (or dead-letters it when its retries are used up) */
  | 'failed_retryable'
  /** failed for good: invalid payload, unknown profile, … (never retried) */
  | 'failed_permanent'
  /** aborted at shutdown and returned to the queue */
  | 'released'
  /** the heartbeat lapsed (database unreachable too long, or the job was cancelled): another worker owns it */
  | 'lease_lost';

export const JOB_OUTCOMES: readonly JobOutcome[] = ['completed', 'failed_retryable', 'failed_permanent', 'released', 'lease_lost'];

/** The worker's Prometheus metrics (prom-client), on its own registry. */
export class WorkerMetrics {
  readonly registry = new Registry();
  readonly jobs: Counter<'queue' | 'outcome'>;
  readonly jobDuration: Histogram<'queue' | 'outcome'>;
  readonly jobsInFlight: Gauge<'queue'>;
  readonly replaysInFlight: Gauge;
  readonly queueDepth: Gauge<'queue'>;
  readonly databaseUp: Gauge;

  constructor(options: { version: string; queues: readonly string[]; readQueueDepth: () => Promise<Map<string, number>> }) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry, prefix: 'repro_worker_' });
    new Gauge({ name: 'repro_worker_build_info', help: 'Always 1: the worker version and the Node.js version it runs on', labelNames: ['version', 'node_version'], registers }).set(
      { version: options.version, node_version: process.version },
      1,
    );
    this.jobs = new Counter({ name: 'repro_worker_jobs_total', help: 'Job attempts finished by this worker, by queue and outcome', labelNames: ['queue', 'outcome'], registers });
    this.jobDuration = new Histogram({
      name: 'repro_worker_job_duration_seconds',
      help: 'Wall time of a job attempt, from claim to its final write',
      labelNames: ['queue', 'outcome'],
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800, 3600],
      registers,
    });
    this.jobsInFlight = new Gauge({ name: 'repro_worker_jobs_in_flight', help: 'Jobs this worker is running now', labelNames: ['queue'], registers });
    this.replaysInFlight = new Gauge({ name: 'repro_worker_replays_in_flight', help: 'Replay processes this worker is running now', registers });
    this.databaseUp = new Gauge({ name: 'repro_worker_database_up', help: '1 when the last query to the job database succeeded', registers });
    const queueDepth = new Gauge({
      name: 'repro_worker_queue_depth',
      help: 'Jobs waiting to be claimed (created or retry), by queue, read from the database at scrape time',
      labelNames: ['queue'],
      registers,
      async collect() {
        try {
          const depths = await options.readQueueDepth();
          for (const [queue, depth] of depths) queueDepth.set({ queue }, depth);
        } catch {
          // database unreachable: keep the last values; repro_worker_database_up says why
        }
      },
    });
    this.queueDepth = queueDepth;
    for (const queue of options.queues) {
      this.jobsInFlight.set({ queue }, 0);
      for (const outcome of JOB_OUTCOMES) this.jobs.inc({ queue, outcome }, 0);
    }
  }

  render(): Promise<string> {
    return this.registry.metrics();
  }
}
