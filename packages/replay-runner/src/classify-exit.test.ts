import { describe, expect, it } from 'vitest';
import { checkPins } from './check-pins.js';
import { classifyExit } from './classify-exit.js';

const command = ['python3', 'train.py'];

describe('classifyExit', () => {
  it('a timeout wins over the SIGKILL the runner itself sent', () => {
    expect(classifyExit({ command, timeoutMs: 1000, exitCode: null, signal: 'SIGKILL' })).toMatchObject({ kind: 'timeout', timeoutMs: 1000, signal: 'SIGKILL' });
  });
  it('signal, non-zero exit, spawn failure, clean exit', () => {
    expect(classifyExit({ command, exitCode: null, signal: 'SIGSEGV' })).toMatchObject({ kind: 'signal', signal: 'SIGSEGV' });
    expect(classifyExit({ command, exitCode: 2, signal: null })).toMatchObject({ kind: 'nonzero_exit', exitCode: 2 });
    expect(classifyExit({ command, spawnError: { code: 'EACCES', message: 'spawn EACCES' }, exitCode: null, signal: null })).toMatchObject({
      kind: 'spawn_failed',
      code: 'EACCES',
    });
    expect(classifyExit({ command, exitCode: 0, signal: null })).toBeNull();
  });
});

describe('checkPins', () => {
  it('an unreported knob is a mismatch (observed undefined); an unset one is null', () => {
    expect(checkPins({ A: '1', B: '2', C: '3' }, { A: '1', B: null })).toEqual([
      { knob: 'B', requested: '2', observed: null },
      { knob: 'C', requested: '3', observed: undefined },
    ]);
    expect(checkPins({ A: '1' }, undefined)).toEqual([{ knob: 'A', requested: '1', observed: undefined }]);
    expect(checkPins({}, undefined)).toEqual([]);
  });
});
