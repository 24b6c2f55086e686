import type { JobRow } from '../client/job-view.js';
import type { JobState } from './job-queues.js';
import type { ExecuteSql } from './queue-database.js';

// Read-only queries on pg-boss 10's tables (`job`, and `archive` where maintenance moves finished jobs).
// pg-boss 10 has no "find jobs" API and `getJobById` needs the queue name, which `repro jobs show ID` does
// not have. Columns used: id, name, state, data, output, retry_count, created_on, completed_on.
const COLUMNS = 'id, name, state::text as state, data, output, retry_count, created_on, completed_on';

export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function selectJobById(db: ExecuteSql, schema: string, id: string): Promise<JobRow | null> {
  const { rows } = await db.executeSql(
    `select ${COLUMNS} from "${schema}".job where id = $1
     union all
     select ${COLUMNS} from "${schema}".archive where id = $1
     limit 1`,
    [id],
  );
  return (rows[0] as unknown as JobRow | undefined) ?? null;
}

export interface JobListFilter {
  queues: readonly string[];
  state?: JobState;
  limit: number;
}

/** Newest first, from the live table and the archive. */
export async function selectJobs(db: ExecuteSql, schema: string, filter: JobListFilter): Promise<JobRow[]> {
  const where = `name = any($1::text[]) and ($2::text is null or state::text = $2)`;
  const { rows } = await db.executeSql(
    `select * from (
       select ${COLUMNS} from "${schema}".job where ${where}
       union all
       select ${COLUMNS} from "${schema}".archive where ${where}
     ) j order by created_on desc, id limit $3`,
    [filter.queues, filter.state ?? null, filter.limit],
  );
  return rows as unknown as JobRow[];
}

/** Jobs waiting to be claimed (created or retry), per queue. */
export async function countWaitingJobs(db: ExecuteSql, schema: string, queues: readonly string[]): Promise<Map<string, number>> {
  const { rows } = await db.executeSql(
    `select name, count(*)::int as waiting from "${schema}".job where name = any($1::text[]) and state < 'active' group by name`,
    [queues],
  );
  const counts = new Map<string, number>(queues.map((q) => [q, 0]));
  for (const row of rows as unknown as { name: string; waiting: number }[]) counts.set(row.name, row.waiting);
  return counts;
}
