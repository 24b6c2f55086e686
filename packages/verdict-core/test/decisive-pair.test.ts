import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decisivePair, probeDeterminism } from '../src/index.js';

type Replay = { value: number | null | 'NaN' } | { error: string };
const asOutcome = (r: Replay) => ('error' in r ? { error: r.error } : { value: r.value === 'NaN' ? Number.NaN : r.value });

/** H1 over all K replays, directly: ERROR if any broken, else FAIL if any differs from the first, detDelta = max − min. */
function directH1(replays: Replay[]) {
  const broken = replays.some((r) => 'error' in r || r.value === null || r.value === 'NaN');
  if (broken) return { status: 'ERROR' as const };
  const values = replays.map((r) => (r as { value: number }).value);
  const allEqual = values.every((v) => v === values[0]);
  return allEqual ? { status: 'PASS' as const, delta: 0 } : { status: 'FAIL' as const, delta: Math.max(...values.map((v) => Math.abs(v - values[0]!))) };
}

describe('decisivePair: K replays folded into the pair H1 compares', () => {
  it('property: H1 on the pair equals H1 over all K replays (status, and det_delta = max |v − a|)', () => {
    const replay: fc.Arbitrary<Replay> = fc.oneof(
      { weight: 8, arbitrary: fc.record({ value: fc.constantFrom(0.5, 0.5, 0.5, 0.5000001, 0.49, 1e300) }) },
      { weight: 1, arbitrary: fc.record({ value: fc.constantFrom(null, 'NaN' as const) }) },
      { weight: 1, arbitrary: fc.record({ error: fc.constant('nonzero_exit: boom') }) },
    );
    fc.assert(
      fc.property(fc.array(replay, { minLength: 2, maxLength: 8 }), (replays) => {
        const pair = decisivePair(replays);
        const h1 = probeDeterminism(asOutcome(pair.replay_a as Replay), asOutcome(pair.replay_b as Replay), 0);
        const direct = directH1(replays);
        expect(h1.status).toBe(direct.status);
        if (direct.status === 'FAIL') expect(h1.detDelta).toBe(direct.delta);
      }),
      { numRuns: 2000 },
    );
  });

  it('rejects fewer than 2 replays', () => {
    expect(() => decisivePair([{ value: 1 }])).toThrowError(/replays/);
  });
});
