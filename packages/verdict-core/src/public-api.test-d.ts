// Type tests of the signatures users depend on (checked by `vitest --typecheck`): a change here is an API change.
import { describe, expectTypeOf, test } from 'vitest';
import {
  type Decision,
  type DeterminismResult,
  decideVerdict,
  measureProdEnvelope,
  normalToleranceFactor,
  type ProdEnvelope,
  probeDeterminism,
  probeDivergence,
  type ReplayOutcome,
  type Verdict,
  type VerdictName,
  verdictSchema,
} from './index.js';

describe('verdict-core public signatures', () => {
  test('decideVerdict takes the probe results and returns a Decision naming one of four verdicts', () => {
    expectTypeOf(decideVerdict).returns.toEqualTypeOf<Decision>();
    expectTypeOf<Decision['verdict']>().toEqualTypeOf<VerdictName>();
    expectTypeOf<VerdictName>().toEqualTypeOf<'FIDELITY_OK' | 'NON_DETERMINISTIC' | 'CANONICAL_DIVERGENCE' | 'INCONCLUSIVE_TOOLING'>();
  });

  test('probeDeterminism takes two replay outcomes and eps_num', () => {
    expectTypeOf(probeDeterminism).parameters.toEqualTypeOf<[ReplayOutcome, ReplayOutcome, number]>();
    expectTypeOf(probeDeterminism).returns.toEqualTypeOf<DeterminismResult>();
    expectTypeOf<DeterminismResult['status']>().toEqualTypeOf<'PASS' | 'FAIL' | 'ERROR'>();
  });

  test('a ReplayOutcome is a value (possibly null) or an error', () => {
    expectTypeOf<{ value: number }>().toExtend<ReplayOutcome>();
    expectTypeOf<{ value: null }>().toExtend<ReplayOutcome>();
    expectTypeOf<{ error: string }>().toExtend<ReplayOutcome>();
    expectTypeOf<{ value: string }>().not.toExtend<ReplayOutcome>();
  });

  test('measureProdEnvelope never types eps_prod as a number when unmeasured', () => {
    expectTypeOf(measureProdEnvelope).returns.toEqualTypeOf<ProdEnvelope>();
    expectTypeOf<Extract<ProdEnvelope, { status: 'measured' }>['eps_prod']>().toEqualTypeOf<number>();
    expectTypeOf<Extract<ProdEnvelope, { status: 'unmeasured' }>['eps_prod']>().toEqualTypeOf<null>();
  });

  test('normalToleranceFactor(n, coverage, confidence) is a number', () => {
    expectTypeOf(normalToleranceFactor).parameters.toEqualTypeOf<[number, number, number]>();
    expectTypeOf(normalToleranceFactor).returns.toEqualTypeOf<number>();
  });

  test('probeDivergence returns canonDelta and within', () => {
    expectTypeOf(probeDivergence).returns.toExtend<{ canonDelta: number; within: boolean }>();
  });

  test('the Verdict type is what verdictSchema parses', () => {
    expectTypeOf(verdictSchema.parse).returns.toEqualTypeOf<Verdict>();
    expectTypeOf<Verdict['verdict']>().toEqualTypeOf<VerdictName>();
    expectTypeOf<Verdict>().toHaveProperty('schema_version');
    expectTypeOf<Verdict>().toHaveProperty('decided_at');
  });
});
