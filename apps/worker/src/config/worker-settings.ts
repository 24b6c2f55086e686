import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { checkQueueDatabaseUrl, checkSchemaName, DEFAULT_QUEUE_SCHEMA, idProblem, isJobQueue, JOB_QUEUES, type JobQueue, QueueUrlError } from '@repro/job-queue';
import { WorkerConfigError } from './worker-config-error.js';

/** What the command line and the environment decide (the config file decides the rest). */
export interface WorkerSettings {
  configPath: string;
  databaseUrl: string;
  host: string;
  port: number;
  concurrency: number;
  queues: JobQueue[];
  queueSchema: string;
  /** $REPRO_STORE: wins over the config's `store`. */
  storeUri: string | undefined;
  /** $REPRO_IMAGE_SHA: eps_prod key for verdict jobs that name no image_sha. */
  defaultImageSha: string | undefined;
  logLevel: WorkerLogLevel;
  /** $REPRO_DB_SCHEMA: the canonical store's SQL schema (default `repro`). */
  storeSchema: string | undefined;
}

/** The levels REPRO_LOG_LEVEL may name (pino's). */
export const WORKER_LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type WorkerLogLevel = (typeof WORKER_LOG_LEVELS)[number];

/** The canonical store's schema rule (@repro/canonical-provenance refuses any other name). */
const STORE_SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export const WORKER_USAGE = `Usage: repro-worker --config worker.json [--port 8080] [--host 0.0.0.0] [--concurrency N] [--queues verdict,envelope,gate]

Consumes verdict, envelope and gate jobs from the PostgreSQL job queue at $DATABASE_URL.

Options:
  --config FILE        worker config: {"profiles": {NAME: {"command": [...], "cwd", "timeout_s", "pass_env"}}, "store"}
  --port N             HTTP port for /healthz, /readyz, /metrics (default 8080; 0 picks a free one)
  --host ADDR          address to bind (default 0.0.0.0)
  --concurrency N      jobs run at once (default: the number of cores)
  --queues LIST        which queues to consume (default verdict,envelope,gate)
  -h, --help           this text
  -V, --version        the version (from the package manifest)

Environment:
  DATABASE_URL         required: the job queue and the canonical store (postgres://user:pass@host:5432/db)
  REPRO_STORE          object store for artefacts and s43 cohorts (file://DIR or s3://BUCKET/PREFIX); wins over "store"
  REPRO_QUEUE_SCHEMA   pg-boss schema (default ${DEFAULT_QUEUE_SCHEMA})
  REPRO_DB_SCHEMA      the canonical store's SQL schema (default repro)
  REPRO_IMAGE_SHA      production image SHA for verdict jobs that name none (eps_prod key)
  REPRO_LOG_LEVEL      ${WORKER_LOG_LEVELS.join(', ')} (default info)
  AWS_*                S3 settings when the store is s3:// (see @repro/s43-transport)

Signals: SIGTERM/SIGINT stop claiming, let in-flight jobs finish within grace_s, then return them to the
queue (the process exits within grace_s + 15 s, whatever its database and store do); exit 0.
Exit codes: 0 stopped cleanly, 1 unexpected failure, 2 bad flag, config or environment (one line naming it).
`;

function integerFlag(flag: string, value: string, min: number, max: number): number {
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
    throw new WorkerConfigError(flag, null, `must be an integer in [${min}, ${max}], got ${JSON.stringify(value)}`);
  }
  return Number(value);
}

/** Parse argv (without node and script) and env. `null` means --help was asked for. */
export function parseWorkerSettings(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): WorkerSettings | null {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        config: { type: 'string' },
        port: { type: 'string' },
        host: { type: 'string' },
        concurrency: { type: 'string' },
        queues: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw new WorkerConfigError('command line', null, error instanceof Error ? error.message : String(error));
  }
  if (values.help) return null;
  const configPath = values.config as string | undefined;
  if (configPath === undefined || configPath === '') throw new WorkerConfigError('--config', null, 'required: the worker config file (see --help)');
  const databaseUrl = env.DATABASE_URL;
  if (databaseUrl === undefined || databaseUrl.trim() === '') {
    throw new WorkerConfigError('DATABASE_URL', null, 'required: the PostgreSQL URL of the job queue, e.g. postgres://repro@db:5432/repro');
  }
  try {
    checkQueueDatabaseUrl(databaseUrl);
  } catch (error) {
    if (error instanceof QueueUrlError) throw new WorkerConfigError('DATABASE_URL', null, error.problem);
    throw error;
  }
  const queues = values.queues === undefined ? [...JOB_QUEUES] : String(values.queues).split(',').map((q) => q.trim()).filter((q) => q !== '');
  for (const queue of queues) {
    if (!isJobQueue(queue)) throw new WorkerConfigError('--queues', null, `unknown queue ${JSON.stringify(queue)} (queues: ${JOB_QUEUES.join(', ')})`);
  }
  if (queues.length === 0) throw new WorkerConfigError('--queues', null, 'names no queue');
  const queueSchema = env.REPRO_QUEUE_SCHEMA ?? DEFAULT_QUEUE_SCHEMA;
  try {
    checkSchemaName(queueSchema);
  } catch (error) {
    throw new WorkerConfigError('REPRO_QUEUE_SCHEMA', null, (error as Error).message);
  }
  const logLevel = env.REPRO_LOG_LEVEL ?? 'info';
  if (!(WORKER_LOG_LEVELS as readonly string[]).includes(logLevel)) {
    throw new WorkerConfigError('REPRO_LOG_LEVEL', null, `${JSON.stringify(logLevel)} is not a level: one of ${WORKER_LOG_LEVELS.join(', ')}`);
  }
  const storeSchema = env.REPRO_DB_SCHEMA;
  if (storeSchema !== undefined && !STORE_SCHEMA_NAME.test(storeSchema)) {
    throw new WorkerConfigError('REPRO_DB_SCHEMA', null, `${JSON.stringify(storeSchema)} is not a schema name: lower-case letters, digits and _, starting with a letter or _, at most 63`);
  }
  const defaultImageSha = env.REPRO_IMAGE_SHA === '' ? undefined : env.REPRO_IMAGE_SHA;
  const imageShaProblem = defaultImageSha === undefined ? null : idProblem('image_sha', defaultImageSha);
  if (imageShaProblem !== null) throw new WorkerConfigError('REPRO_IMAGE_SHA', null, imageShaProblem);
  return {
    configPath,
    databaseUrl,
    host: (values.host as string | undefined) ?? '0.0.0.0',
    port: values.port === undefined ? 8080 : integerFlag('--port', String(values.port), 0, 65_535),
    concurrency: values.concurrency === undefined ? availableParallelism() : integerFlag('--concurrency', String(values.concurrency), 1, 1024),
    queues: [...new Set(queues)] as JobQueue[],
    queueSchema,
    storeUri: env.REPRO_STORE === '' ? undefined : env.REPRO_STORE,
    defaultImageSha,
    logLevel: logLevel as WorkerLogLevel,
    storeSchema,
  };
}
