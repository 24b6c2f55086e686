import { PgBoss } from 'pg-boss';
import { deadLetterQueue, JOB_QUEUES } from './job-queues.js';
import type { QueueDatabase } from './queue-database.js';
import { QueueSchemaVersionError } from './queue-errors.js';
import { DEFAULT_QUEUE_POLICY, type QueuePolicy } from './queue-policy.js';
import { withDeadline } from './with-deadline.js';

/**
 * The oldest pg-boss schema version pg-boss 12 migrates from (pg-boss 11.0's); pg-boss 10 wrote 24.
 * `queue-schema-floor.test.ts` pins it against the installed pg-boss's own migration plans.
 */
export const OLDEST_MIGRATABLE_SCHEMA_VERSION = 25;

/** The longest a single attempt may stay active: pg-boss 12's ceiling (24 h). Heartbeats detect dead workers. */
export const MAX_ATTEMPT_SECONDS = 86_400;

export interface StartJobQueueOptions {
  /** Run pg-boss's supervision (heartbeat expiry, retention) from this process. */
  supervise: boolean;
  /** How often supervision runs, seconds (cluster-wide: one process per interval does it). */
  maintenanceIntervalSeconds?: number;
  /** Apply this policy to the queues (a worker applies its config's; a client only creates missing queues). */
  policy?: QueuePolicy;
  onError?: (error: Error) => void;
  /** Ends the start at once (rejecting with the signal's reason); pg-boss is stopped. */
  signal?: AbortSignal;
  /** Deadline of the whole start (install/migrate included): QueueTimeoutError after it. Default: none (the pool's query deadlines). */
  timeoutMs?: number;
}

function queueOptions(policy: QueuePolicy) {
  return {
    retryLimit: policy.retryLimit,
    retryDelay: policy.retryDelaySeconds,
    retryBackoff: policy.retryBackoff,
    expireInSeconds: MAX_ATTEMPT_SECONDS,
    heartbeatSeconds: policy.leaseSeconds,
  };
}

/**
 * Refuse a schema pg-boss 12 cannot migrate, before pg-boss touches it. pg-boss would refuse too, but
 * with an assertion about migration plans; this names the schema, the database and what to do.
 */
async function checkSchemaVersion(boss: PgBoss, db: QueueDatabase): Promise<void> {
  if (!(await boss.isInstalled())) return;
  const version = await boss.schemaVersion();
  if (version !== null && version < OLDEST_MIGRATABLE_SCHEMA_VERSION) {
    throw new QueueSchemaVersionError(db.where, db.schema, version, OLDEST_MIGRATABLE_SCHEMA_VERSION);
  }
}

/**
 * Start pg-boss 12 on `db` (installing its schema, or migrating one from pg-boss 11 or 12, under its
 * advisory lock) and make sure the job queues and their dead-letter queues exist. A pg-boss 10 schema
 * is refused with `QueueSchemaVersionError`. pg-boss's cron scheduler is not used.
 */
export async function startJobQueue(db: QueueDatabase, options: StartJobQueueOptions): Promise<PgBoss> {
  options.signal?.throwIfAborted();
  const starting = startPgBoss(db, options);
  try {
    return await withDeadline(() => starting, {
      where: db.where,
      operation: 'start the job queue',
      ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } catch (error) {
    // given up on (abort, deadline): a pg-boss that still starts later is stopped, never left supervising
    void starting.then((boss) => boss.stop({ graceful: false, close: false })).catch(() => undefined);
    throw error;
  }
}

async function startPgBoss(db: QueueDatabase, options: StartJobQueueOptions): Promise<PgBoss> {
  const interval = options.maintenanceIntervalSeconds;
  const boss = new PgBoss({
    db,
    schema: db.schema,
    supervise: options.supervise,
    schedule: false,
    migrate: true,
    registerInstance: false,
    ...(interval === undefined ? {} : { superviseIntervalSeconds: interval, monitorIntervalSeconds: interval, maintenanceIntervalSeconds: interval }),
  });
  boss.on('error', (error) => options.onError?.(error instanceof Error ? error : new Error(String((error as { message?: unknown })?.message ?? error))));
  await checkSchemaVersion(boss, db);
  await boss.start();
  const policy = options.policy ?? DEFAULT_QUEUE_POLICY;
  for (const queue of JOB_QUEUES) {
    const dead = deadLetterQueue(queue);
    const existing = await boss.getQueue(queue);
    if ((await boss.getQueue(dead)) === null) await boss.createQueue(dead, { retryLimit: 0, expireInSeconds: MAX_ATTEMPT_SECONDS });
    if (existing === null) await boss.createQueue(queue, { ...queueOptions(policy), deadLetter: dead });
    else if (options.policy) await boss.updateQueue(queue, { ...queueOptions(policy), deadLetter: dead });
  }
  return boss;
}
