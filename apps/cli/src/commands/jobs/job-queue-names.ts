/**
 * The queue names and job states of the job-queue contract, for the help text of command definitions
 * (which load no package). The actions validate with the package's own lists; a test keeps these equal.
 */
export const QUEUE_NAMES_HELP = ['verdict', 'verdict_dead', 'envelope', 'envelope_dead', 'gate', 'gate_dead'] as const;
export const JOB_STATES_HELP = ['created', 'retry', 'active', 'completed', 'failed', 'cancelled'] as const;
