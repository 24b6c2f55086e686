import type { SecretRedactor } from '@repro/replay-runner';

/**
 * What a use case passes everything it persists through before writing it (the verdict saved to the
 * history or a front end's ledger, the artefact and report in the object store), and the replays'
 * reports before deciding on them. Build it with @repro/replay-runner's
 * `SecretRedactor.fromEnvironment(process.env)`: the environment of the process that starts the replays,
 * which they can read.
 */
export type Redactor = Pick<SecretRedactor, 'redact'>;
