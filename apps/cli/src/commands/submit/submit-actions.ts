import type { JobInputs, JobQueue } from '@repro/job-queue';
import { MAX_REPLAY_COUNT } from '@repro/use-cases';
import type { CommandContext } from '../../command-context.js';
import { parseFiniteNumber, parseInteger, splitList } from '../../input/parse-number-list.js';
import { printJson } from '../../output/print-json.js';
import { withJobQueueClient } from '../jobs/open-job-queue-client.js';
import type { SubmitEnvelopeOptions, SubmitGateOptions, SubmitVerdictOptions } from './register-submit-commands.js';

async function submit<Q extends JobQueue>(ctx: CommandContext, queue: Q, input: JobInputs[Q], json: boolean | undefined): Promise<void> {
  const { job_id } = await withJobQueueClient(ctx, (client) => client.submit(queue, input));
  if (json) printJson(ctx.io, { job_id });
  else ctx.io.stdout(`submitted ${queue} job ${job_id}\nfollow it with: repro jobs wait ${job_id}\n`);
}

/** `repro submit verdict`. */
export async function runSubmitVerdict(ctx: CommandContext, opts: SubmitVerdictOptions): Promise<void> {
  const epsNum = opts.epsNum === undefined ? undefined : parseFiniteNumber('--eps-num', opts.epsNum, { min: 0 });
  const replayCount = opts.replays === undefined ? undefined : parseInteger('--replays', opts.replays, 2, MAX_REPLAY_COUNT);
  const imageSha = opts.imageSha ?? (ctx.io.env.REPRO_IMAGE_SHA || undefined);
  await submit(
    ctx,
    'verdict',
    {
      cell: opts.cell,
      metric: opts.metric,
      profile: opts.profile,
      ...(imageSha === undefined ? {} : { image_sha: imageSha }),
      ...(epsNum === undefined ? {} : { eps_num: epsNum }),
      ...(replayCount === undefined ? {} : { replay_count: replayCount }),
      ...(opts.localize ? { localize: true } : {}),
    },
    opts.json,
  );
}

/** `repro submit envelope`. */
export async function runSubmitEnvelope(ctx: CommandContext, opts: SubmitEnvelopeOptions): Promise<void> {
  const n = parseInteger('-n', opts.n, 1, 1000);
  await submit(ctx, 'envelope', { cell: opts.cell, metric: opts.metric, profile: opts.profile, image_sha: opts.imageSha, n, force: opts.force === true }, opts.json);
}

/** `repro submit gate`. */
export async function runSubmitGate(ctx: CommandContext, opts: SubmitGateOptions): Promise<void> {
  const pods = opts.pods === undefined ? undefined : splitList('--pods', opts.pods);
  const payload = {
    run_id: opts.run,
    expected: parseInteger('--expected', opts.expected, 0),
    ...(pods === undefined ? {} : { pods }),
    allow_unexpected: opts.allowUnexpected ?? false,
    verify: opts.verify ?? false,
  };
  await submit(ctx, 'gate', payload, opts.json);
}
