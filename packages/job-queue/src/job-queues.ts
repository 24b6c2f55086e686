/** The three job queues a `repro-worker` consumes. */
export const JOB_QUEUES = ['verdict', 'envelope', 'gate'] as const;
export type JobQueue = (typeof JOB_QUEUES)[number];

/** Job states, as pg-boss records them. */
export const JOB_STATES = ['created', 'retry', 'active', 'completed', 'failed', 'cancelled'] as const;
export type JobState = (typeof JOB_STATES)[number];

/** States a job never leaves. */
export const FINAL_JOB_STATES: readonly JobState[] = ['completed', 'failed', 'cancelled'];

/** Where a job lands once it failed for good (its retries used up, or failed permanently). */
export function deadLetterQueue(queue: JobQueue): string {
  return `${queue}_dead`;
}

/** Every queue name the worker creates: the three job queues and their dead-letter queues. */
export const ALL_QUEUE_NAMES: readonly string[] = JOB_QUEUES.flatMap((q) => [q, deadLetterQueue(q)]);

export function isJobQueue(name: string): name is JobQueue {
  return (JOB_QUEUES as readonly string[]).includes(name);
}

/** pg-boss's schema unless `REPRO_QUEUE_SCHEMA` names another (tests give each run its own). */
export const DEFAULT_QUEUE_SCHEMA = 'pgboss';
