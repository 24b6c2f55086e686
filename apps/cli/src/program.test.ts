import { describe, expect, it } from 'vitest';
import { stubCommandContext } from '../test/stub-command-context.js';
import { createProgram } from './program.js';

describe('createProgram', () => {
  it('registers every command group, in help order (their implementations load when a command runs)', () => {
    const names = createProgram(stubCommandContext()).commands.map((c) => c.name());
    expect(names).toEqual(['verdict', 'verdicts', 'envelope', 'canonical', 'db', 'npz', 'transport', 'sf', 'metrics', 'submit', 'jobs', 'demo', 'report']);
  });
});
