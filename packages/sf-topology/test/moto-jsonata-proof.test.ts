import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { type MotoServer, startMotoServer } from '@repro/test-services';
import { afterAll, describe, expect, it } from 'vitest';
import { lint } from '../src/isolation-lint.js';
import { parallelize } from '../src/parallelize.js';
import { CREDENTIALS, type Json, motoExecutor, type Run } from './moto-executor.js';

/**
 * Proof on a real interpreter, JSONata edition: moto_server's own ASL interpreter runs a JSONata
 * pipeline of the seed's shape before and after parallelize. Stock moto 5.2.1 cannot evaluate `{% %}`
 * (its JVM bridge is not shipped), so test/moto-jsonata/moto_server_with_jsonata.py starts the same
 * moto_server with that one function supplied by the reference `jsonata` package.
 */
const BRIDGE = fileURLToPath(new URL('./moto-jsonata/moto_server_with_jsonata.py', import.meta.url));

async function startMotoWithJsonata(): Promise<MotoServer | null> {
  const dir = mkdtempSync(join(tmpdir(), 'repro-moto-jsonata-'));
  const shim = join(dir, 'moto_server_with_jsonata');
  writeFileSync(shim, `#!/bin/sh\nexec "${process.env.REPRO_PYTHON ?? 'python3'}" "${BRIDGE}" "$@"\n`);
  chmodSync(shim, 0o755);
  const saved = { server: process.env.REPRO_MOTO_SERVER, node: process.env.REPRO_NODE };
  process.env.REPRO_MOTO_SERVER = shim;
  process.env.REPRO_NODE = process.execPath;
  try {
    return await startMotoServer();
  } finally {
    for (const [key, value] of [['REPRO_MOTO_SERVER', saved.server], ['REPRO_NODE', saved.node]] as const) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
}

const moto = await startMotoWithJsonata();
afterAll(() => moto?.stop());

const EXISTING = 'repro-sf-jsonata-proof';
const MISSING = 'repro-sf-jsonata-proof-missing';
const GROUP_A = ['CheckSkipResearch', 'Research', 'EvalJudge'];
const GROUP_B = ['CheckSkipPredictorTraining', 'PredictorTraining', 'WaitForPredictorTraining', 'PollPredictorTraining', 'CheckPredictorStatus'];
const OPTIONS = { chain: [...GROUP_A, ...GROUP_B], branches: { A: GROUP_A, B: GROUP_B }, name: 'ResearchPredictorParallel', failureHandler: 'HandleFailure' };

function loadPipeline(): Json {
  return JSON.parse(readFileSync(new URL('./fixtures/jsonata-pipeline.asl.json', import.meta.url), 'utf8'));
}

/** Every Task heads an existing bucket (succeeds) or, for the failing ones, a missing bucket (fails). */
function withBuckets(definition: unknown, failing: ReadonlySet<string>): Json {
  const def = structuredClone(definition) as Json;
  const visit = (states: Json) => {
    for (const [name, s] of Object.entries(states)) {
      if (s.Type === 'Task') s.Arguments = { Bucket: failing.has(name) ? MISSING : EXISTING };
      for (const b of s.Branches ?? []) visit(b.States);
    }
  };
  visit(def.States);
  return def;
}

describe.skipIf(moto === null)('parallelize a JSONata machine, run on moto_server (its ASL interpreter, reference JSONata)', () => {
  const s3 = new S3Client({ endpoint: moto?.endpoint, region: 'us-east-1', credentials: CREDENTIALS, forcePathStyle: true });
  const executor = moto ? motoExecutor(moto) : null;
  const execute = (definition: Json, input: Json): Promise<Run> =>
    executor!.execute(definition, input, {
      before: async () => {
        await s3.send(new CreateBucketCommand({ Bucket: EXISTING }));
      },
    });
  const before = loadPipeline();
  const after = parallelize(before, OPTIONS).definition;
  const input = { run_date: '2026-11-21' };
  const exitedAt = (run: Run, name: string) => run.events.findIndex((e) => e.stateExitedEventDetails?.name === name);
  const enteredAt = (run: Run, name: string) => run.events.findIndex((e) => e.stateEnteredEventDetails?.name === name);

  it('the input and the rewrite are valid, hazard-free JSONata machines', () => {
    expect(lint(before)).toEqual([]);
    expect(lint(after)).toEqual([]);
    expect(JSON.stringify(after)).not.toContain('"ResultPath"');
  });

  it('Research fails while PredictorTraining completes: both branches run to the end; the execution fails after the join naming branch A', async () => {
    const failing = new Set(['Research']);
    const sequential = await execute(withBuckets(before, failing), input);
    expect(sequential.status).toBe('FAILED');
    expect(sequential.entered).not.toContain('PredictorTraining');

    const run = await execute(withBuckets(after, failing), input);
    expect(run.status).toBe('FAILED');
    expect(run.error).toBe('ParallelBranchFailed');
    expect(run.cause).toBe('branch A (StartAt CheckSkipResearch) of ResearchPredictorParallel recorded FAILED');
    for (const name of ['BranchAFailed', 'PredictorTraining', 'WaitForPredictorTraining', 'PollPredictorTraining', 'CheckPredictorStatus', 'BranchBComplete']) {
      expect(run.entered).toContain(name);
    }
    expect(run.entered).not.toContain('Backtest');
    expect(enteredAt(run, 'CheckBranchOutcomes')).toBeGreaterThan(exitedAt(run, 'ResearchPredictorParallel'));
    expect(run.entered.slice(-4)).toEqual(['CheckBranchOutcomes', 'ExtractABranchError', 'HandleFailure', 'FailExecution']);
  });

  it('recovery run with skip_predictor_training skips branch B; Research re-runs and the machine succeeds', async () => {
    const run = await execute(withBuckets(after, new Set()), { ...input, skip_predictor_training: true });
    expect(run.status).toBe('SUCCEEDED');
    expect(run.entered).toContain('BranchBComplete');
    expect(run.entered).not.toContain('PredictorTraining');
    expect(run.entered).toContain('Research');
    expect(run.entered).toContain('BranchAComplete');
  });

  it('no failure: the old successor (Backtest) runs after the join, and the input survives the join', async () => {
    const run = await execute(withBuckets(after, new Set()), input);
    expect(run.status).toBe('SUCCEEDED');
    expect(enteredAt(run, 'Backtest')).toBeGreaterThan(exitedAt(run, 'ResearchPredictorParallel'));
    expect(run.entered.slice(-2)).toEqual(['Backtest', 'PipelineSucceeded']);
    expect(JSON.parse(run.output!)).toEqual({ run_date: '2026-11-21', parallel_result: { A: 'OK', B: 'OK' } });
  });

  it('a fail-soft catch stays fail-soft: EvalJudge failing does not fail branch A', async () => {
    const run = await execute(withBuckets(after, new Set(['EvalJudge'])), input);
    expect(run.status).toBe('SUCCEEDED');
    expect(run.entered).toContain('BranchAComplete');
    expect(run.entered).not.toContain('BranchAFailed');
  });
});
