import { MAX_VERDICT_LIMIT } from '@repro/canonical-provenance';
import { ALL_QUEUE_NAMES, JOB_STATES } from '@repro/job-queue';
import { DEFAULT_EPS_NUM, DEFAULT_PARITY_DIMS, ENVELOPE_METHODS } from '@repro/verdict-core';
import { describe, expect, it } from 'vitest';
import { ENVELOPE_METHOD_NAMES } from '../src/commands/envelope/envelope-methods.js';
import { JOB_STATES_HELP, QUEUE_NAMES_HELP } from '../src/commands/jobs/job-queue-names.js';
import { VERDICT_LIMIT_HELP } from '../src/commands/verdicts/verdicts-list-command.js';
import { DEFAULT_EPS_NUM_VALUE, DEFAULT_PARITY_DIMENSIONS } from '../src/verdict-defaults.js';

// Command definitions load no package (start-up), so they hold a few package constants themselves.
describe("the constants command definitions hold are the packages' own", () => {
  it('verdict-core defaults and envelope methods', () => {
    expect([...DEFAULT_PARITY_DIMENSIONS]).toEqual([...DEFAULT_PARITY_DIMS]);
    expect(DEFAULT_EPS_NUM_VALUE).toBe(DEFAULT_EPS_NUM);
    expect([...ENVELOPE_METHOD_NAMES]).toEqual([...ENVELOPE_METHODS]);
  });

  it('the verdict history limit', () => {
    expect(VERDICT_LIMIT_HELP).toBe(MAX_VERDICT_LIMIT);
  });

  it('queue names and job states', () => {
    expect([...QUEUE_NAMES_HELP].sort()).toEqual([...ALL_QUEUE_NAMES].sort());
    expect([...JOB_STATES_HELP]).toEqual([...JOB_STATES]);
  });
});
