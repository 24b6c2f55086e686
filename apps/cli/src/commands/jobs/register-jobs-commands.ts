import type { Command } from 'commander';
import type { CommandContext } from '../../command-context.js';
import { JOB_STATES_HELP, QUEUE_NAMES_HELP } from './job-queue-names.js';

/** Registers `repro jobs show|wait|list`: inspect repro-worker jobs (needs DATABASE_URL). */
export function registerJobsCommands(program: Command, ctx: CommandContext): void {
  const jobs = program.command('jobs').description('inspect repro-worker jobs: show, wait, list (needs DATABASE_URL)');

  jobs
    .command('show')
    .description('one job: {id, queue, state, result?, error?}; state is created|active|retry|completed|failed|cancelled')
    .argument('<id>', 'job id (as printed by repro submit)')
    .option('--json', 'print {id, queue, state, result?, error?}')
    .action(async (id: string, opts: { json?: boolean }) => (await import('./jobs-actions.js')).runJobsShow(ctx, id, opts));

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
    .action(async (id: string, opts: { timeout?: string; json?: boolean }) => (await import('./jobs-actions.js')).runJobsWait(ctx, id, opts));

  jobs
    .command('list')
    .description('recent jobs, newest first (live and archived)')
    .option('--queue <queue>', `one queue: ${QUEUE_NAMES_HELP.join(', ')}`)
    .option('--state <state>', `one state: ${JOB_STATES_HELP.join(', ')}`)
    .option('--limit <n>', 'at most this many (1..1000)', '50')
    .option('--json', 'print a JSON array of {id, queue, state, created_on, completed_on, retry_count, payload}')
    .action(async (opts: { queue?: string; state?: string; limit: string; json?: boolean }) => (await import('./jobs-actions.js')).runJobsList(ctx, opts));
}
