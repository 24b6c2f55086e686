import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_OUTPUT_BYTES, DEFAULT_TIMEOUT_MS, MAX_KILL_GRACE_MS, resolveReplaySpec, validateReplaySpec } from './replay-spec.js';

describe('validateReplaySpec', () => {
  it('rejects an empty command, a grace over 5 s, a non-positive timeout and non-object params, naming the field', () => {
    expect(() => validateReplaySpec({ command: [] })).toThrow(/command: must be a non-empty argv array/);
    expect(() => validateReplaySpec({ command: [''] })).toThrow(/command\[0\]/);
    expect(() => validateReplaySpec({ command: ['a', 'b\0'] })).toThrow(/command\[1\]: contains a NUL byte/);
    expect(() => validateReplaySpec({ command: ['a'], killGraceMs: 5001 })).toThrow(/killGraceMs/);
    expect(() => validateReplaySpec({ command: ['a'], timeoutMs: 0 })).toThrow(/timeoutMs/);
    expect(() => validateReplaySpec({ command: ['a'], params: [] as never })).toThrow(/params: must be a JSON object/);
    expect(() => validateReplaySpec({ command: ['a'], requiredMetrics: ['f1_buy', ''] })).toThrow(/requiredMetrics\[1\]: must be a non-empty string/);
    expect(() => validateReplaySpec({ command: ['a'], passEnv: 'BUILD_SHA' as never })).toThrow(/passEnv: must be an array/);
    expect(() => validateReplaySpec({ command: ['python3', 'x.py'], timeoutMs: 10, killGraceMs: 0, maxOutputBytes: 0 })).not.toThrow();
  });
});

describe('resolveReplaySpec', () => {
  it('fills in the defaults: pinned knobs, 1 h timeout, 5 s grace, 64 KiB tails', () => {
    const resolved = resolveReplaySpec({ command: ['python3', 'train.py'] });
    expect(resolved).toMatchObject({ pinMode: 'pinned', timeoutMs: DEFAULT_TIMEOUT_MS, killGraceMs: MAX_KILL_GRACE_MS, maxOutputBytes: DEFAULT_MAX_OUTPUT_BYTES });
    expect(resolved.knobs.PYTHONHASHSEED).toBe('0');
    expect(resolveReplaySpec({ command: ['x'], pin: { mode: 'uncapped' } })).toMatchObject({ pinMode: 'uncapped', knobs: {} });
  });
});
