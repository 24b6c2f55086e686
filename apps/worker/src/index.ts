// Public surface of @repro/worker (the library beside the `repro-worker` bin): the queue contract —
// queue names, states, payload schemas — and the client `repro submit` / `repro jobs` use. Re-exports only.
export { JobQueueClient, type JobQueueClientOptions, type ListJobsOptions, type WaitForJobOptions } from './client/job-queue-client.js';
export type { JobErrorView, JobSummary, JobView } from './client/job-view.js';
export { describeDatabaseUrl } from './queue/database-location.js';
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
  MAX_ENVELOPE_RUNS,
  MIN_ENVELOPE_RUNS,
  PROFILE_NAME_PATTERN,
  parseJobPayload,
  type VerdictJobInput,
  type VerdictJobPayload,
  verdictJobPayloadSchema,
} from './queue/job-payloads.js';
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
} from './queue/job-queues.js';
export { InvalidJobIdError, InvalidJobPayloadError, JobNotFoundError, JobWaitTimeoutError, QueueUnavailableError } from './queue/queue-errors.js';
export { DEFAULT_QUEUE_POLICY, type QueuePolicy } from './queue/queue-policy.js';
