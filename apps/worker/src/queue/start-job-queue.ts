import PgBoss from 'pg-boss';
import { deadLetterQueue, JOB_QUEUES } from './job-queues.js';
import type { QueueDatabase } from './queue-database.js';
import { DEFAULT_QUEUE_POLICY, type QueuePolicy } from './queue-policy.js';

export interface StartJobQueueOptions {
  /** Run pg-boss maintenance (expiry of lapsed leases, archiving) from this process. */
  supervise: boolean;
  /** How often maintenance runs (cluster-wide: one process per interval does it). */
  maintenanceIntervalSeconds?: number;
  /** Archive finished jobs after this long (default 12 h); `repro jobs show` reads the archive too. */
  archiveAfterSeconds?: number;
  /** Apply this policy to the queues (a worker applies its config's; a client only creates missing queues). */
  policy?: QueuePolicy;
  onError?: (error: Error) => void;
}

function queueOptions(policy: QueuePolicy) {
  return {
    policy: 'standard' as const,
    retryLimit: policy.retryLimit,
    retryDelay: policy.retryDelaySeconds,
    retryBackoff: policy.retryBackoff,
    expireInSeconds: policy.leaseSeconds,
  };
}

/**
 * Start pg-boss on `db` (installing or migrating its schema under its advisory lock) and make sure the
 * job queues and their dead-letter queues exist. pg-boss's cron scheduler is not used.
 */
export async function startJobQueue(db: QueueDatabase, options: StartJobQueueOptions): Promise<PgBoss> {
  const boss = new PgBoss({
    db,
    schema: db.schema,
    supervise: options.supervise,
    schedule: false,
    migrate: true,
    ...(options.maintenanceIntervalSeconds === undefined ? {} : { maintenanceIntervalSeconds: options.maintenanceIntervalSeconds }),
    ...(options.archiveAfterSeconds === undefined ? {} : { archiveCompletedAfterSeconds: options.archiveAfterSeconds }),
  });
  boss.on('error', (error) => options.onError?.(error));
  await boss.start();
  const policy = options.policy ?? DEFAULT_QUEUE_POLICY;
  for (const queue of JOB_QUEUES) {
    const dead = deadLetterQueue(queue);
    await boss.createQueue(dead, { name: dead, ...queueOptions(policy), retryLimit: 0 });
    await boss.createQueue(queue, { name: queue, ...queueOptions(policy), deadLetter: dead });
    if (options.policy) await boss.updateQueue(queue, { name: queue, ...queueOptions(policy), deadLetter: dead });
  }
  return boss;
}
