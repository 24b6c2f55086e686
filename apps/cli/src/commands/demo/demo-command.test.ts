import { verdictSchema } from '@repro/verdict-core';
import { describe, expect, it } from 'vitest';
import { runRepro } from '../../../test/run-cli-in-process.js';

describe('repro demo', () => {
  it('covers every verdict and every cause and reason of the rule', async () => {
    const run = await runRepro(['demo', '--json']);
    expect(run.code).toBe(0);
    const { envelope, verdicts } = JSON.parse(run.stdout);
    expect(envelope.status).toBe('measured');
    const parsed = verdicts.map((v: unknown) => verdictSchema.parse(v));
    expect(new Set(parsed.map((v: { verdict: string }) => v.verdict))).toEqual(new Set(['FIDELITY_OK', 'NON_DETERMINISTIC', 'CANONICAL_DIVERGENCE', 'INCONCLUSIVE_TOOLING']));
    const why = new Set(parsed.map((v: { cause: string | null; reason: string | null }) => v.cause ?? v.reason));
    for (const name of ['numeric_residue', 'real_instability', 'logic_fidelity_gap', 'env_parity_gap', 'replay_error', 'canonical_absent', 'epsilon_prod_unmeasured', 'env_parity_unverified']) {
      expect(why).toContain(name);
    }
  });

  it('prints a readable table', async () => {
    const run = await runRepro(['demo']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/replays agree, canonical within eps_prod\s+FIDELITY_OK/);
    expect(run.stdout).toContain('eps_prod from 12 production runs');
  });
});
