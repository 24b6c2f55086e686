import { checkSchemaName, DEFAULT_QUEUE_SCHEMA, JobQueueClient } from '@repro/job-queue';
import { invalidInput } from '../../cli-error.js';
import type { CommandContext } from '../../command-context.js';
import { jobCliError } from './job-cli-errors.js';

/**
 * The job queue of `repro submit` / `repro jobs`: `DATABASE_URL` (required: exit 2 without it), schema
 * `REPRO_QUEUE_SCHEMA` (default pgboss, as the worker). Unreachable → exit 3 naming host:port.
 */
export async function openJobQueueClient(ctx: CommandContext): Promise<JobQueueClient> {
  const databaseUrl = ctx.io.env.DATABASE_URL;
  if (databaseUrl === undefined || databaseUrl.trim() === '') {
    throw invalidInput('DATABASE_URL is required: the PostgreSQL database of the repro-worker job queue (e.g. postgres://repro@db:5432/repro)', {
      error: 'missing_env',
      variable: 'DATABASE_URL',
    });
  }
  const schema = ctx.io.env.REPRO_QUEUE_SCHEMA || DEFAULT_QUEUE_SCHEMA;
  try {
    checkSchemaName(schema);
  } catch (error) {
    const problem = error instanceof Error ? error.message : String(error);
    throw invalidInput(`REPRO_QUEUE_SCHEMA: ${problem}`, { error: 'invalid_env', variable: 'REPRO_QUEUE_SCHEMA', message: problem });
  }
  try {
    return await JobQueueClient.open({ databaseUrl, schema });
  } catch (error) {
    throw jobCliError(error);
  }
}

/** Open, run, always close. */
export async function withJobQueueClient<T>(ctx: CommandContext, work: (client: JobQueueClient) => Promise<T>): Promise<T> {
  const client = await openJobQueueClient(ctx);
  try {
    return await work(client);
  } catch (error) {
    throw jobCliError(error);
  } finally {
    await client.close();
  }
}
