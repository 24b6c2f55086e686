// Type tests of the signatures users depend on (checked by `vitest --typecheck`): a change here is an API change.
import type { EnvelopeOptions, GateOptions, VerdictOptions } from '@repro/use-cases/options';
import type { PgBoss } from 'pg-boss';
import { describe, expectTypeOf, test } from 'vitest';
import type { z } from 'zod';
import {
  type EnvelopeJobPayload,
  type GateJobInput,
  type GateJobPayload,
  type IdKind,
  type InvalidIdentifierError,
  type InvalidJobPayloadError,
  isJobQueue,
  type JOB_PAYLOAD_SCHEMAS,
  type JobInputs,
  type JobPayloads,
  type JobQueue,
  JobQueueClient,
  type JobState,
  type JobSummary,
  type JobView,
  type JobWaitTimeoutError,
  parseJobPayload,
  QueueDatabase,
  type QueueSchemaVersionError,
  type QueueTimeoutError,
  type QueueUnavailableError,
  type StartJobQueueOptions,
  startJobQueue,
  type VerdictJobInput,
  type VerdictJobPayload,
  type verdictJobPayloadSchema,
} from './index.js';

describe('job-queue public signatures', () => {
  test('three queues, six job states', () => {
    expectTypeOf<JobQueue>().toEqualTypeOf<'verdict' | 'envelope' | 'gate'>();
    expectTypeOf<JobState>().toEqualTypeOf<'created' | 'retry' | 'active' | 'completed' | 'failed' | 'cancelled'>();
    expectTypeOf(isJobQueue).guards.toEqualTypeOf<JobQueue>();
    expectTypeOf<keyof JobPayloads>().toEqualTypeOf<JobQueue>();
    expectTypeOf<keyof JobInputs>().toEqualTypeOf<JobQueue>();
  });

  test('parseJobPayload returns the payload type of the queue it is given', () => {
    expectTypeOf(parseJobPayload<'verdict'>).returns.toEqualTypeOf<VerdictJobPayload>();
    expectTypeOf(parseJobPayload<'envelope'>).returns.toEqualTypeOf<EnvelopeJobPayload>();
    expectTypeOf(parseJobPayload<'gate'>).returns.toEqualTypeOf<GateJobPayload>();
    expectTypeOf(parseJobPayload<JobQueue>).returns.toEqualTypeOf<VerdictJobPayload | EnvelopeJobPayload | GateJobPayload>();
    expectTypeOf(parseJobPayload).parameter(1).toEqualTypeOf<unknown>();
  });

  test('a job payload is the use case options plus the worker profile (a verdict job always pins: no pin_mode)', () => {
    expectTypeOf<z.output<typeof verdictJobPayloadSchema>>().toEqualTypeOf<VerdictJobPayload>();
    expectTypeOf<z.output<(typeof JOB_PAYLOAD_SCHEMAS)['gate']>>().toEqualTypeOf<GateJobPayload>();
    expectTypeOf<VerdictJobPayload>().branded.toEqualTypeOf<Omit<VerdictOptions, 'pin_mode'> & { profile: string; report?: boolean | undefined }>();
    expectTypeOf<VerdictJobPayload>().not.toHaveProperty('pin_mode');
    expectTypeOf<EnvelopeJobPayload>().branded.toEqualTypeOf<EnvelopeOptions & { profile: string }>();
    expectTypeOf<GateJobPayload>().toEqualTypeOf<GateOptions>();
  });

  test('inputs leave defaulted fields optional; payloads have them filled in', () => {
    expectTypeOf<VerdictJobInput['eps_num']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<VerdictJobPayload['eps_num']>().toEqualTypeOf<number>();
    expectTypeOf<VerdictJobPayload['parity_dims']>().toEqualTypeOf<string[]>();
    expectTypeOf<GateJobInput>().toExtend<{ run_id: string; expected: number }>();
    expectTypeOf<GateJobPayload['allow_unexpected']>().toEqualTypeOf<boolean>();
  });

  test('JobQueueClient: open, submit a typed input per queue, read jobs back', () => {
    expectTypeOf(JobQueueClient.open).returns.resolves.toEqualTypeOf<JobQueueClient>();
    expectTypeOf(JobQueueClient.open).parameter(0).toHaveProperty('databaseUrl').toEqualTypeOf<string>();
    const client = {} as JobQueueClient;
    expectTypeOf(client.submit('gate', { run_id: 'run-1', expected: 4 })).resolves.toEqualTypeOf<{ job_id: string }>();
    expectTypeOf(client.submit('verdict', { cell: 'c', metric: 'f1', profile: 'p' })).resolves.toEqualTypeOf<{ job_id: string }>();
    // @ts-expect-error a verdict job names its profile
    client.submit('verdict', { cell: 'c', metric: 'f1' });
    // @ts-expect-error a gate job carries no profile (nor anything else its schema does not have)
    client.submit('gate', { run_id: 'run-1', expected: 4, profile: 'p' });
    expectTypeOf(client.getJob).returns.resolves.toEqualTypeOf<JobView>();
    expectTypeOf(client.waitForJob).returns.resolves.toEqualTypeOf<JobView>();
    expectTypeOf(client.listJobs).returns.resolves.toEqualTypeOf<JobSummary[]>();
    expectTypeOf<JobView['state']>().toEqualTypeOf<JobState>();
    expectTypeOf<JobView['error']>().toExtend<{ message: string } | undefined>();
  });

  test('the worker side: a QueueDatabase, and startJobQueue giving pg-boss', () => {
    expectTypeOf(startJobQueue).parameters.toEqualTypeOf<[db: QueueDatabase, options: StartJobQueueOptions]>();
    expectTypeOf(startJobQueue).returns.resolves.toEqualTypeOf<PgBoss>();
    expectTypeOf(QueueDatabase).toBeConstructibleWith({ databaseUrl: 'postgres://127.0.0.1/test', schema: 'pgboss' });
    const db = {} as QueueDatabase;
    expectTypeOf(db.transaction(async () => 42)).resolves.toEqualTypeOf<number>();
  });

  test('the id rules (re-exported from @repro/use-cases/options) name the kind of id they refuse', () => {
    expectTypeOf<IdKind>().toEqualTypeOf<'cell' | 'metric' | 'image_sha' | 'run_id' | 'pod' | 'profile'>();
    expectTypeOf<InvalidIdentifierError>().toExtend<Error>();
    expectTypeOf<InvalidIdentifierError['kind']>().toEqualTypeOf<IdKind>();
  });

  test('errors are Errors that name what and where', () => {
    expectTypeOf<InvalidJobPayloadError>().toExtend<Error>();
    expectTypeOf<Pick<InvalidJobPayloadError, 'queue' | 'field' | 'problem'>>().toEqualTypeOf<{ readonly queue: string; readonly field: string; readonly problem: string }>();
    expectTypeOf<Pick<JobWaitTimeoutError, 'jobId' | 'state' | 'timeoutMs'>>().toEqualTypeOf<{ readonly jobId: string; readonly state: string; readonly timeoutMs: number }>();
    expectTypeOf<Pick<QueueUnavailableError, 'where' | 'causeMessage'>>().toEqualTypeOf<{ readonly where: string; readonly causeMessage: string }>();
    expectTypeOf<Pick<QueueTimeoutError, 'where' | 'operation' | 'timeoutMs'>>().toEqualTypeOf<{ readonly where: string; readonly operation: string; readonly timeoutMs: number }>();
    expectTypeOf<Pick<QueueSchemaVersionError, 'found' | 'oldestMigratable'>>().toEqualTypeOf<{ readonly found: number; readonly oldestMigratable: number }>();
  });
});
