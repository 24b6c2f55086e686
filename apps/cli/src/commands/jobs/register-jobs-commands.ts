import { ALL_QUEUE_NAMES, JOB_STATES, type JobState, JobWaitTimeoutError } from '@repro/job-queue';
import type { Command } from 'commander';
import { CliError, invalidInput } from '../../cli-error.js';
import type { CommandContext } from '../../command-context.js';
import { EXIT } from '../../exit-codes.js';
import { printJson } from '../../output/print-json.js';
import { jobExitCode } from './job-exit-code.js';
import { withJobQueueClient } from './open-job-queue-client.js';
import { renderJob, renderJobList } from './render-job.js';

/** Registers `repro jobs show|wait|list`: inspect repro-worker jobs (needs DATABASE_URL). */
export function registerJobsCommands(program: Command, ctx: CommandContext): void {
  const jobs = program.command('jobs').description('inspect repro-worker jobs: show, wait, list (needs DATABASE_URL)');

  jobs
    .command('show')
    .description('one job: {id, queue, state, result?, error?}; state is created|active|retry|completed|failed|cancelled')
    .argument('<id>', 'job id (as printed by repro submit)')
    .option('--json', 'print {id, queue, state, result?, error?}')
    .action(async (id: string, opts: { json?: boolean }) => {
      const job = await withJobQueueClient(ctx, (client) => client.getJob(id));
      if (opts.json) printJson(ctx.io, job);
      else ctx.io.stdout(renderJob(job));
    });

  jobs
    .command('wait')
    .description('wait until the job is completed, failed or cancelled; exit with the verdict’s code for a completed verdict job')
    .argument('<id>', 'job id')
    .option('--timeout <seconds>', 'give up after this long (exit 1)')
    .option('--json', 'print the finished job as in `jobs show --json`')
    .addHelpText(
      'after',
      `
Exit codes: completed verdict job 0 FIDELITY_OK, 10 NON_DETERMINISTIC, 11 CANONICAL_DIVERGENCE,
12 INCONCLUSIVE_TOOLING; completed gate job 0, or 13 when the cohort is incomplete; other completed
jobs 0; failed or cancelled job 1; still not finished after --timeout 1; bad id 2; database unavailable 3.`,
    )
    .action(async (id: string, opts: { timeout?: string; json?: boolean }) => {
      let timeoutMs: number | undefined;
      if (opts.timeout !== undefined) {
        const seconds = Number(opts.timeout);
        if (opts.timeout.trim() === '' || !Number.isFinite(seconds) || seconds <= 0) throw invalidInput(`--timeout: must be a positive number of seconds, not ${JSON.stringify(opts.timeout)}`);
        timeoutMs = seconds * 1000;
      }
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
    });

  jobs
    .command('list')
    .description('recent jobs, newest first (live and archived)')
    .option('--queue <queue>', `one queue: ${ALL_QUEUE_NAMES.join(', ')}`)
    .option('--state <state>', `one state: ${JOB_STATES.join(', ')}`)
    .option('--limit <n>', 'at most this many (1..1000)', '50')
    .option('--json', 'print a JSON array of {id, queue, state, created_on, completed_on, retry_count, payload}')
    .action(async (opts: { queue?: string; state?: string; limit: string; json?: boolean }) => {
      if (opts.queue !== undefined && !ALL_QUEUE_NAMES.includes(opts.queue)) throw invalidInput(`--queue: unknown queue ${JSON.stringify(opts.queue)} (queues: ${ALL_QUEUE_NAMES.join(', ')})`);
      if (opts.state !== undefined && !(JOB_STATES as readonly string[]).includes(opts.state)) throw invalidInput(`--state: unknown state ${JSON.stringify(opts.state)} (states: ${JOB_STATES.join(', ')})`);
      const limit = Number(opts.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw invalidInput(`--limit: must be an integer in [1, 1000], not ${JSON.stringify(opts.limit)}`);
      const list = await withJobQueueClient(ctx, (client) =>
        client.listJobs({ limit, ...(opts.queue === undefined ? {} : { queue: opts.queue }), ...(opts.state === undefined ? {} : { state: opts.state as JobState }) }),
      );
      if (opts.json) printJson(ctx.io, list);
      else ctx.io.stdout(renderJobList(list));
    });
}
