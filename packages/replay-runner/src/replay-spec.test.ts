import { describe, expect, it } from 'vitest';
import { validateReplaySpec } from './replay-spec.js';

describe('validateReplaySpec', () => {
  it('rejects an empty command, a grace over 5 s, a non-positive timeout and non-object params, naming the field', () => {
    expect(() => validateReplaySpec({ command: [] })).toThrow(/command: must be a non-empty argv array/);
    expect(() => validateReplaySpec({ command: [''] })).toThrow(/command\[0\]/);
    expect(() => validateReplaySpec({ command: ['a', 'b\0'] })).toThrow(/command\[1\]: contains a NUL byte/);
    expect(() => validateReplaySpec({ command: ['a'], killGraceMs: 5001 })).toThrow(/killGraceMs/);
    expect(() => validateReplaySpec({ command: ['a'], timeoutMs: 0 })).toThrow(/timeoutMs/);
    expect(() => validateReplaySpec({ command: ['a'], params: [] as never })).toThrow(/params: must be a JSON object/);
    expect(() => validateReplaySpec({ command: ['python3', 'x.py'], timeoutMs: 10, killGraceMs: 0, maxOutputBytes: 0 })).not.toThrow();
  });
});
