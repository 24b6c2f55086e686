import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { startMotoServer } from '@repro/test-services';
import { afterAll, describe, expect, it } from 'vitest';
import { parallelize } from '../src/parallelize.js';
import { validate } from '../src/validate.js';
import { CREDENTIALS, type Json, motoExecutor, type Run } from './moto-executor.js';
import { loadSaturdayPipeline, SEED_OPTIONS } from './saturday-pipeline.js';

/**
 * Proof on a real interpreter: moto_server executes the seed topology before and after parallelize.
 * Every Task becomes `aws-sdk:s3:headBucket` on an existing bucket (succeeds) or a missing one (fails).
 */
const moto = await startMotoServer();
afterAll(() => moto?.stop());

const EXISTING = 'repro-sf-proof';
const MISSING = 'repro-sf-proof-missing';
const HEAD_BUCKET = 'arn:aws:states:::aws-sdk:s3:headBucket';
/** Canned results so polling loops finish: the real ResultSelectors read fields headBucket does not return. */
const CANNED: Record<string, Record<string, string>> = {
  WaitForPredictorTraining: { Status: 'Success' },
  EvalJudgePoll: { status: 'SUCCEEDED' },
};

function forMoto(definition: unknown, failing: ReadonlySet<string>): Json {
  const def = structuredClone(definition) as Json;
  const visit = (states: Json) => {
    for (const [name, s] of Object.entries(states)) {
      if (s.Type === 'Task') {
        s.Resource = HEAD_BUCKET;
        s.Parameters = { Bucket: failing.has(name) ? MISSING : EXISTING };
        delete s.ResultSelector;
        if (CANNED[name]) s.ResultSelector = CANNED[name];
      }
      if (s.Type === 'Wait') s.Seconds = 1;
      for (const b of s.Branches ?? []) visit(b.States);
      if (s.ItemProcessor) visit(s.ItemProcessor.States);
    }
  };
  visit(def.States);
  return def;
}

describe.skipIf(moto === null)('parallelize on moto_server (a real ASL interpreter)', () => {
  const s3 = new S3Client({ endpoint: moto?.endpoint, region: 'us-east-1', credentials: CREDENTIALS, forcePathStyle: true });
  const executor = moto ? motoExecutor(moto) : null;
  const execute = (definition: Json, input: Json): Promise<Run> =>
    executor!.execute(definition, input, {
      before: async () => {
        await s3.send(new CreateBucketCommand({ Bucket: EXISTING }));
      },
    });

  const before = loadSaturdayPipeline();
  const after = parallelize(before, SEED_OPTIONS).definition;
  const input = { run_date: '2026-11-21', ec2_instance_id: 'i-0123456789abcdef0' };
  const exitedAt = (run: Run, name: string) => run.events.findIndex((e) => e.stateExitedEventDetails?.name === name);
  const enteredAt = (run: Run, name: string) => run.events.findIndex((e) => e.stateEnteredEventDetails?.name === name);

  it('the test variants are still valid definitions', () => {
    expect(validate(forMoto(before, new Set())).filter((d) => d.severity === 'error')).toEqual([]);
    expect(validate(forMoto(after, new Set(['Research'])))).toEqual([]);
  });

  it('Research fails while PredictorTraining completes: both branches run to the end; the execution fails after the join naming branch A', async () => {
    const failing = new Set(['Research']);
    const sequential = await execute(forMoto(before, failing), input);
    expect(sequential.status).toBe('FAILED');
    expect(sequential.entered).toContain('HandleFailure');
    expect(sequential.entered).not.toContain('PredictorTraining');

    const run = await execute(forMoto(after, failing), input);
    expect(run.status).toBe('FAILED');
    expect(run.error).toBe('ParallelBranchFailed');
    expect(run.cause).toBe('branch A (StartAt CheckSkipResearch) of ResearchPredictorParallel recorded FAILED');
    for (const name of ['BranchAFailed', 'PredictorTraining', 'WaitForPredictorTraining', 'CheckPredictorStatus', 'BranchBComplete']) {
      expect(run.entered).toContain(name);
    }
    expect(run.entered).not.toContain('BranchAComplete');
    expect(run.entered).not.toContain('Backtester');
    // the failure is raised after the join, not by cancelling the sibling branch
    expect(exitedAt(run, 'ResearchPredictorParallel')).toBeGreaterThan(-1);
    expect(enteredAt(run, 'CheckBranchOutcomes')).toBeGreaterThan(exitedAt(run, 'ResearchPredictorParallel'));
    expect(run.entered.slice(-4)).toEqual(['CheckBranchOutcomes', 'ExtractABranchError', 'HandleFailure', 'FailExecution']);
  });

  it('recovery run with skip_predictor_training skips branch B; Research re-runs and the machine succeeds', async () => {
    const run = await execute(forMoto(after, new Set()), { ...input, skip_predictor_training: true });
    expect(run.status).toBe('SUCCEEDED');
    expect(run.entered).toContain('CheckSkipPredictorTraining');
    expect(run.entered).toContain('BranchBComplete');
    expect(run.entered).not.toContain('PredictorTraining');
    expect(run.entered).toContain('Research');
    expect(run.entered).toContain('BranchAComplete');
  });

  it('no failure: the old successor (CheckSkipDriftDetection → Backtester …) runs after the join, as it did sequentially', async () => {
    const sequential = await execute(forMoto(before, new Set()), input);
    expect(sequential.status).toBe('SUCCEEDED');
    const run = await execute(forMoto(after, new Set()), input);
    expect(run.status).toBe('SUCCEEDED');
    expect(enteredAt(run, 'CheckSkipDriftDetection')).toBeGreaterThan(exitedAt(run, 'ResearchPredictorParallel'));
    const tail = ['CheckSkipDriftDetection', 'DriftDetection', 'Backtester', 'Parity', 'Evaluator', 'NotifyComplete', 'PipelineSucceeded'];
    expect(run.entered.slice(-tail.length)).toEqual(tail);
    expect(sequential.entered.slice(-tail.length)).toEqual(tail);
    // every state the sequential run entered, the parallel run entered too
    for (const name of sequential.entered) expect(run.entered).toContain(name);
  });
});
