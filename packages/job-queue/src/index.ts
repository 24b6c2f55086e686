// Public surface of @repro/job-queue: the repro-worker queue contract (queue names, states, payload
// schemas, job views, errors) and the client to submit and inspect jobs. Re-exports only.
// For the worker (and other consumers that run jobs): the database, pg-boss start-up and queue reads.
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
  PROFILE_NAME_PATTERN,
  parseJobPayload,
  type VerdictJobInput,
  type VerdictJobPayload,
  verdictJobPayloadSchema,
} from './job-payloads.js';
export { JobQueueClient, type JobQueueClientOptions, type ListJobsOptions, type WaitForJobOptions } from './job-queue-client.js';
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
export { type ExecuteSql, QueueDatabase, type QueueDatabaseOptions } from './queue-database.js';
export {
  InvalidJobIdError,
  InvalidJobPayloadError,
  JobNotFoundError,
  JobWaitTimeoutError,
  QueueSchemaVersionError,
  QueueUnavailableError,
} from './queue-errors.js';
export { DEFAULT_QUEUE_POLICY, type QueuePolicy } from './queue-policy.js';
export { MAX_ATTEMPT_SECONDS, OLDEST_MIGRATABLE_SCHEMA_VERSION, type StartJobQueueOptions, startJobQueue } from './start-job-queue.js';
