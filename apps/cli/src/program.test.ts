import { describe, expect, it } from 'vitest';
import type { CommandContext } from './command-context.js';
import { createProgram } from './program.js';

const ctx: CommandContext = {
  io: {
    stdout: () => {},
    stderr: () => {},
    readStdin: async () => '',
    env: {},
    cwd: process.cwd(),
    stdoutIsTty: false,
    stderrIsTty: false,
    interrupts: () => new AbortController().signal,
  },
  setExitCode: () => {},
  emitEvent: () => {},
  now: () => new Date(0),
};
const groups = async (argv: string[]) => (await createProgram(ctx, argv)).commands.map((c) => c.name());

describe('createProgram loads only the command group argv names', () => {
  it('repro sf lint … registers the sf group alone, also after global options', async () => {
    expect(await groups(['sf', 'lint', 'x.json'])).toEqual(['sf']);
    expect(await groups(['--log-format', 'logfmt', '--verbose', 'sf', 'lint', 'x.json'])).toEqual(['sf']);
  });
  it('help, no command or an unknown command registers every group, in help order', async () => {
    const all = ['verdict', 'verdicts', 'envelope', 'canonical', 'db', 'npz', 'transport', 'sf', 'metrics', 'submit', 'jobs', 'demo', 'report'];
    expect(await groups([])).toEqual(all);
    expect(await groups(['--help'])).toEqual(all);
    expect(await groups(['nope'])).toEqual(all);
  });
});
