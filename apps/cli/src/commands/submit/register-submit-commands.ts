import type { Command } from 'commander';
import type { CommandContext } from '../../command-context.js';

export interface SubmitVerdictOptions {
  cell: string;
  metric: string;
  profile: string;
  imageSha?: string;
  epsNum?: string;
  replays?: string;
  localize?: boolean;
  json?: boolean;
}

export interface SubmitEnvelopeOptions {
  cell: string;
  metric: string;
  profile: string;
  imageSha: string;
  n: string;
  force?: boolean;
  json?: boolean;
}

export interface SubmitGateOptions {
  run: string;
  expected: string;
  pods?: string;
  allowUnexpected?: boolean;
  verify?: boolean;
  json?: boolean;
}

const QUEUE_HELP = `
The job goes to the PostgreSQL job queue at $DATABASE_URL (schema $REPRO_QUEUE_SCHEMA, default pgboss);
a repro-worker consuming that queue runs it. The profile names a replay profile of the worker's config:
a job never carries a command line or environment of its own.
Exit codes: 0 queued, 2 invalid input (names the flag) or no DATABASE_URL, 3 database unavailable.`;

/** `repro submit verdict|envelope|gate …`: queue a job for repro-worker; prints `{job_id}` with --json. */
export function registerSubmitCommands(program: Command, ctx: CommandContext): void {
  const submitGroup = program.command('submit').description('queue a verdict, envelope or gate job for repro-worker (needs DATABASE_URL)');

  submitGroup
    .command('verdict')
    .description('K fresh pinned replays of the profile (default 2), decided against the stored canonical and eps_prod, explained')
    .requiredOption('--cell <cell>', 'cell, e.g. defi_top5/fold-3')
    .requiredOption('--metric <metric>', 'metric the replays report, e.g. f1_buy')
    .requiredOption('--profile <name>', "replay profile in the worker's config")
    .option('--image-sha <sha>', 'production image SHA whose eps_prod to use (default: $REPRO_IMAGE_SHA, else the worker’s)')
    .option('--eps-num <x>', 'the numerical threshold eps_num (default 1e-9)')
    .option('--replays <k>', "K pinned replays (default: the profile's replay_count, else 2)")
    .option('--localize', 'when the replays disagree, also localise which factor moves the metric (stored with the verdict)')
    .option('--json', 'print {job_id}')
    .addHelpText('after', QUEUE_HELP)
    .action(async (opts: SubmitVerdictOptions) => (await import('./submit-actions.js')).runSubmitVerdict(ctx, opts));

  submitGroup
    .command('envelope')
    .description('n un-capped production-config runs → eps_prod for (image SHA, cell, metric); reused when stored unless --force')
    .requiredOption('--cell <cell>', 'cell')
    .requiredOption('--metric <metric>', 'metric')
    .requiredOption('--profile <name>', "replay profile in the worker's config")
    .requiredOption('--image-sha <sha>', 'the production image SHA eps_prod is keyed by')
    .option('-n <runs>', 'number of runs (1 to 1000; fewer than 10 stores an unmeasured envelope)', '10')
    .option('--force', 're-measure even when eps_prod is stored for this key')
    .option('--json', 'print {job_id}')
    .addHelpText('after', QUEUE_HELP)
    .action(async (opts: SubmitEnvelopeOptions) => (await import('./submit-actions.js')).runSubmitEnvelope(ctx, opts));

  submitGroup
    .command('gate')
    .description("the s43 cohort gate of a run, on the worker's object store")
    .requiredOption('--run <run_id>', 'run id')
    .requiredOption('--expected <n>', 'number of pods expected')
    .option('--pods <list>', 'comma-separated pod ids: the expected set')
    .option('--allow-unexpected', 'tolerate pods beyond the expected ones (still reported)')
    .option('--verify', 'download every blob and check its stored checksum against its content')
    .option('--json', 'print {job_id}')
    .addHelpText('after', QUEUE_HELP)
    .action(async (opts: SubmitGateOptions) => (await import('./submit-actions.js')).runSubmitGate(ctx, opts));
}
