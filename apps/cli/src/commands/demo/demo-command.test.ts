import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { needPython } from '@repro/test-services';
import { verdictSchema } from '@repro/verdict-core';
import { describe, expect, it } from 'vitest';
import { runRepro } from '../../../test/run-cli-in-process.js';

// The demo replays the bundled Python + numpy example for real.
const python = needPython(['numpy']);

const EXPECTED_STEPS = [
  ['FIDELITY_OK', null],
  ['NON_DETERMINISTIC', 'numeric_residue'],
  ['CANONICAL_DIVERGENCE', 'logic_fidelity_gap'],
  ['CANONICAL_DIVERGENCE', 'env_parity_gap'],
];

describe('repro demo on a machine without python3 + numpy', () => {
  it('replays the Node twin of the example and reaches the same four verdicts', async () => {
    const home = mkdtempSync(join(tmpdir(), 'repro-demo-node-'));
    const env = { PATH: process.env.PATH, HOME: process.env.HOME, REPRO_HOME: join(home, '.repro'), REPRO_DEMO_EXAMPLE: 'node' };
    const run = await runRepro(['demo', '--json'], { env, cwd: home });
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.example).toContain('train_buy_model_node.cjs');
    // progress goes to stderr through the progress reporter, also under --json (stdout stays one document)
    expect(run.stderr).toContain('repro demo: 1/6 eps_prod run 10/10');
    expect(run.stderr).toMatch(/repro demo: 5\/6 6\/6 a build from another commit \(BUILD_SHA changed\): replays 2\/2/);
    expect(report.envelope).toMatchObject({ status: 'measured', n: 10 });
    expect(report.steps.map((s: { verdict: { verdict: string; cause: string | null } }) => [s.verdict.verdict, s.verdict.cause])).toEqual(EXPECTED_STEPS);
    // it ends by writing demo-report.html (the cell's history as a page) and names it
    expect(report.report).toBe(join(home, 'demo-report.html'));
    const page = readFileSync(report.report, 'utf8');
    expect(page).toMatch(/^<!doctype html>/i);
    for (const kind of ['FIDELITY_OK', 'NON_DETERMINISTIC', 'CANONICAL_DIVERGENCE', 'INCONCLUSIVE_TOOLING']) expect(page, kind).toContain(kind);
    expect(page).toContain(report.steps[0].verdict.decided_at);
  }, 120_000);
});

describe.skipIf(python === null)('repro demo', () => {
  it('runs end to end on an embedded store and decides the four verdicts of its steps', async () => {
    const home = mkdtempSync(join(tmpdir(), 'repro-demo-'));
    const env = { PATH: process.env.PATH, HOME: process.env.HOME, REPRO_HOME: join(home, '.repro') };
    const run = await runRepro(['demo', '--json'], { env, cwd: home });
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.store).toBe(join(home, '.repro', 'demo'));
    expect(report.envelope).toMatchObject({ status: 'measured', n: 10 });
    const steps = report.steps.map((s: { verdict: unknown }) => verdictSchema.parse(s.verdict));
    expect(report.example).toContain('train_buy_model.py');
    expect(steps.map((v: { verdict: string; cause: string | null }) => [v.verdict, v.cause])).toEqual(EXPECTED_STEPS);
    // The rule table covers every cause and reason.
    const why = new Set(report.rule_paths.map((p: { verdict: { cause: string | null; reason: string | null } }) => p.verdict.cause ?? p.verdict.reason));
    for (const name of ['numeric_residue', 'real_instability', 'logic_fidelity_gap', 'env_parity_gap', 'replay_error', 'canonical_absent', 'epsilon_prod_unmeasured', 'env_parity_unverified']) {
      expect(why).toContain(name);
    }
    // The verdicts are in the demo's store.
    const stored = await runRepro(['verdicts', 'list', '--json'], { env: { ...env, REPRO_HOME: report.store }, cwd: home });
    expect(JSON.parse(stored.stdout)).toHaveLength(4);
  }, 120_000);
});
