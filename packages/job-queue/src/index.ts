// Public surface of @repro/job-queue: the repro-worker queue contract (queue names, states, payload
// schemas, job views, errors) and the client to submit and inspect jobs. Re-exports only.
// The id rules are @repro/use-cases/options' (one schema for the CLI, `repro submit` and the worker), re-exported.
// For the worker (and other consumers that run jobs): the database, pg-boss start-up and queue reads.

export {
  checkId,
  ID_KINDS,
  type IdKind,
  InvalidIdentifierError,
  idProblem,
  idSchema,
  MAX_ID_BYTES,
  PROFILE_NAME_PATTERN,
  SEGMENT_ID_PATTERN,
} from '@repro/use-cases/options';
export { checkSchemaName, databasePassword, describeDatabaseUrl } from './database-location.js';
export { countWaitingJobs } from './find-queue-jobs.js';
export {
  type EnvelopeJobInput,
  type EnvelopeJobPayload,
  envelopeJobPayloadSchema,
  type GateJobInput,
  type GateJobPayload,
  gateJobPayloadSchema,
  JOB_PAYLOAD_SCHEMAS,
  type JobInputs,
  type JobPayloads,
  parseJobPayload,
  type VerdictJobInput,
  type VerdictJobPayload,
  verdictJobPayloadSchema,
} from './job-payloads.js';
export {
  DEFAULT_CLIENT_TIMEOUTS,
  JobQueueClient,
  type JobQueueClientOptions,
  type ListJobsOptions,
  type QueueCallOptions,
  type WaitForJobOptions,
} from './job-queue-client.js';
export {
  ALL_QUEUE_NAMES,
  DEFAULT_QUEUE_SCHEMA,
  deadLetterQueue,
  FINAL_JOB_STATES,
  isJobQueue,
  JOB_QUEUES,
  JOB_STATES,
  type JobQueue,
  type JobState,
} from './job-queues.js';
export type { JobErrorView, JobSummary, JobView } from './job-view.js';
export { DEFAULT_QUEUE_DB_TIMEOUTS, type ExecuteSql, QueueDatabase, type QueueDatabaseOptions } from './queue-database.js';
export { checkQueueDatabaseUrl } from './queue-database-url.js';
export {
  InvalidJobIdError,
  InvalidJobPayloadError,
  JobNotFoundError,
  JobWaitTimeoutError,
  QueueSchemaMissingError,
  QueueSchemaVersionError,
  QueueTimeoutError,
  QueueUnavailableError,
  QueueUrlError,
} from './queue-errors.js';
export { DEFAULT_QUEUE_POLICY, type QueuePolicy } from './queue-policy.js';
export { MAX_ATTEMPT_SECONDS, OLDEST_MIGRATABLE_SCHEMA_VERSION, type StartJobQueueOptions, startJobQueue } from './start-job-queue.js';
export { type DeadlineOptions, withDeadline } from './with-deadline.js';
