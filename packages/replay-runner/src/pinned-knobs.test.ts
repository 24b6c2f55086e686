import { describe, expect, it } from 'vitest';
import { requestedKnobs } from './pinned-knobs.js';
import { DEFAULT_KNOB_NAMES, THREAD_CAP_KNOBS } from './spawn-time-knobs.js';

describe('requestedKnobs', () => {
  it('the default pin is hash seed 0, one thread per pool, and the determinism flags (the issue list)', () => {
    expect(requestedKnobs()).toEqual({
      PYTHONHASHSEED: '0',
      OMP_NUM_THREADS: '1',
      MKL_NUM_THREADS: '1',
      OPENBLAS_NUM_THREADS: '1',
      NUMEXPR_NUM_THREADS: '1',
      VECLIB_MAXIMUM_THREADS: '1',
      BLIS_NUM_THREADS: '1',
      OMP_DYNAMIC: 'FALSE',
      MKL_DYNAMIC: 'FALSE',
      CUBLAS_WORKSPACE_CONFIG: ':4096:8',
      TF_DETERMINISTIC_OPS: '1',
    });
    expect(Object.keys(requestedKnobs()).sort()).toEqual([...DEFAULT_KNOB_NAMES].sort());
  });

  it('hash seed, threads and extra knobs are configurable; extras win', () => {
    const knobs = requestedKnobs({ mode: 'pinned', hashSeed: 123, threads: 4, extraKnobs: { OMP_DYNAMIC: 'TRUE', MY_KNOB: 'x' } });
    expect(knobs.PYTHONHASHSEED).toBe('123');
    for (const name of THREAD_CAP_KNOBS) expect(knobs[name]).toBe('4');
    expect(knobs.OMP_DYNAMIC).toBe('TRUE');
    expect(knobs.MY_KNOB).toBe('x');
  });

  it('uncapped (production config) sets none of the knobs: no thread caps, no PYTHONHASHSEED, no determinism flags', () => {
    expect(requestedKnobs({ mode: 'uncapped' })).toEqual({});
  });

  it('uncapped can mirror a production image that sets knobs itself: extraKnobs, or the determinism flags on request', () => {
    expect(requestedKnobs({ mode: 'uncapped', extraKnobs: { OMP_NUM_THREADS: '8' } })).toEqual({ OMP_NUM_THREADS: '8' });
    expect(requestedKnobs({ mode: 'uncapped', determinismFlags: true })).toEqual({
      OMP_DYNAMIC: 'FALSE',
      MKL_DYNAMIC: 'FALSE',
      CUBLAS_WORKSPACE_CONFIG: ':4096:8',
      TF_DETERMINISTIC_OPS: '1',
    });
    expect(requestedKnobs({ mode: 'pinned', determinismFlags: false })).not.toHaveProperty('OMP_DYNAMIC');
  });

  it('an unknown mode is a typed error naming pin.mode', () => {
    expect(() => requestedKnobs({ mode: 'capped' } as never)).toThrow(/pin\.mode/);
  });

  it('bad seeds, thread counts and knob names are typed errors naming the field', () => {
    expect(() => requestedKnobs({ mode: 'pinned', hashSeed: -1 })).toThrow(/pin\.hashSeed/);
    expect(() => requestedKnobs({ mode: 'pinned', hashSeed: 'random' })).toThrow(/pin\.hashSeed/);
    expect(() => requestedKnobs({ mode: 'pinned', hashSeed: 4294967296 })).toThrow(/pin\.hashSeed/);
    expect(() => requestedKnobs({ mode: 'pinned', threads: 0 })).toThrow(/pin\.threads/);
    expect(() => requestedKnobs({ mode: 'pinned', threads: 1.5 })).toThrow(/pin\.threads/);
    expect(() => requestedKnobs({ mode: 'pinned', extraKnobs: { 'A-B': '1' } })).toThrow(/pin\.extraKnobs\.A-B/);
  });
});
