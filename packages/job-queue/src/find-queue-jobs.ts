import type { PgBoss } from 'pg-boss';
import type { JobState } from './job-queues.js';
import type { JobRecord } from './job-view.js';

export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Rows per `findJobs` page when listing. */
const PAGE = 1000;

/**
 * The job with this id in any of `queues` (pg-boss 12 `findJobs(name, {id})`: a job id is unique per
 * queue, and `repro jobs show ID` does not know the queue). Finished jobs stay findable until pg-boss's
 * retention (`deleteAfterSeconds`, 7 days) removes them.
 */
export async function findJobById(boss: PgBoss, queues: readonly string[], id: string): Promise<JobRecord | null> {
  const found = await Promise.all(queues.map((queue) => boss.findJobs<unknown>(queue, { id, limit: 1 })));
  const job = found.flat()[0];
  return job === undefined ? null : (job as unknown as JobRecord);
}

export interface JobListFilter {
  queues: readonly string[];
  state?: JobState;
  limit: number;
}

/**
 * Newest first, across `queues`. pg-boss 12's `findJobs` pages oldest first, so every page of each queue
 * is read and only the newest `limit` kept (bounded by the queues' retention).
 */
export async function listJobRecords(boss: PgBoss, filter: JobListFilter): Promise<JobRecord[]> {
  const kept: JobRecord[] = [];
  for (const queue of filter.queues) {
    let after: string | undefined;
    for (;;) {
      const page = (await boss.findJobs<unknown>(queue, { limit: PAGE, ...(after === undefined ? {} : { after }) })) as unknown as JobRecord[];
      for (const job of page) if (filter.state === undefined || job.state === filter.state) kept.push(job);
      if (page.length < PAGE) break;
      after = page.at(-1)!.id;
    }
  }
  const time = (job: JobRecord) => new Date(job.createdOn).getTime();
  kept.sort((a, b) => time(b) - time(a) || a.id.localeCompare(b.id));
  return kept.slice(0, filter.limit);
}

/** Jobs waiting to be claimed (created or retry), per queue, from pg-boss's queue stats (refreshed each supervision pass). */
export async function countWaitingJobs(boss: PgBoss, queues: readonly string[]): Promise<Map<string, number>> {
  const counts = new Map<string, number>(queues.map((q) => [q, 0]));
  for (const queue of await boss.getQueues([...queues])) counts.set(queue.name, Number(queue.queuedCount));
  return counts;
}
