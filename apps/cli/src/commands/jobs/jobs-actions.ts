import { ALL_QUEUE_NAMES, JOB_STATES, type JobState, JobWaitTimeoutError } from '@repro/job-queue';
import { CliError, invalidInput } from '../../cli-error.js';
import type { CommandContext } from '../../command-context.js';
import { EXIT } from '../../exit-codes.js';
import { parseInteger, parseSeconds } from '../../input/parse-number-list.js';
import { printJson } from '../../output/print-json.js';
import { jobExitCode } from './job-exit-code.js';
import { withJobQueueClient } from './open-job-queue-client.js';
import { renderJob, renderJobList } from './render-job.js';

/** A week: longer waits are surely a typo (and would overflow a timer). */
const MAX_WAIT_SECONDS = 7 * 24 * 3600;

/** `repro jobs show ID`. */
export async function runJobsShow(ctx: CommandContext, id: string, opts: { json?: boolean }): Promise<void> {
  const job = await withJobQueueClient(ctx, (client) => client.getJob(id));
  if (opts.json) printJson(ctx.io, job);
  else ctx.io.stdout(renderJob(job));
}

/** `repro jobs wait ID [--timeout S]`: the exit code says how the job ended. */
export async function runJobsWait(ctx: CommandContext, id: string, opts: { timeout?: string; json?: boolean }): Promise<void> {
  const timeoutMs = opts.timeout === undefined ? undefined : parseSeconds('--timeout', opts.timeout, MAX_WAIT_SECONDS);
  const job = await withJobQueueClient(ctx, async (client) => {
    try {
      return await client.waitForJob(id, { ...(timeoutMs === undefined ? {} : { timeoutMs }), onState: (state) => ctx.emitEvent({ event: 'job_state', id, state }) });
    } catch (error) {
      if (error instanceof JobWaitTimeoutError) throw new CliError(error.message, EXIT.FAILURE, { error: 'wait_timeout', id, state: error.state });
      throw error;
    }
  });
  if (opts.json) printJson(ctx.io, job);
  else ctx.io.stdout(renderJob(job));
  ctx.setExitCode(jobExitCode(job));
}

/** `repro jobs list [--queue Q] [--state S] [--limit N]`. */
export async function runJobsList(ctx: CommandContext, opts: { queue?: string; state?: string; limit: string; json?: boolean }): Promise<void> {
  if (opts.queue !== undefined && !ALL_QUEUE_NAMES.includes(opts.queue)) throw invalidInput(`--queue: unknown queue ${JSON.stringify(opts.queue)} (queues: ${ALL_QUEUE_NAMES.join(', ')})`, { error: 'invalid_flag', flag: '--queue' });
  if (opts.state !== undefined && !(JOB_STATES as readonly string[]).includes(opts.state)) throw invalidInput(`--state: unknown state ${JSON.stringify(opts.state)} (states: ${JOB_STATES.join(', ')})`, { error: 'invalid_flag', flag: '--state' });
  const limit = parseInteger('--limit', opts.limit, 1, 1000);
  const list = await withJobQueueClient(ctx, (client) =>
    client.listJobs({ limit, ...(opts.queue === undefined ? {} : { queue: opts.queue }), ...(opts.state === undefined ? {} : { state: opts.state as JobState }) }),
  );
  if (opts.json) printJson(ctx.io, list);
  else ctx.io.stdout(renderJobList(list));
}
