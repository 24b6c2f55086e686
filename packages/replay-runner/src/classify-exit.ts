import type { ReplayError } from './replay-error.js';

/** What the adapter observed about the process, before the result file is read. */
export interface ExitFacts {
  readonly command: readonly string[];
  /** The OS error when the process could not be created. */
  readonly spawnError?: { readonly code?: string; readonly message: string };
  /** Set when the runner killed the group because the timeout expired. */
  readonly timeoutMs?: number;
  readonly exitCode: number | null;
  readonly signal: string | null;
  /** The working directory asked for, and whether it exists (a missing one makes spawn fail with ENOENT too). */
  readonly cwd?: { readonly path: string; readonly exists: boolean };
  /** The child's PATH, to say where the program was looked up. */
  readonly childPath?: string;
  /** What the child's stderr says (`diagnoseStderr`), appended to nonzero_exit / signal messages. */
  readonly stderrDiagnosis?: string | null;
}

/**
 * Classifies how the process ended: spawn_failed, timeout, signal, nonzero_exit — or null when it exited 0
 * (the result file decides then). A timeout wins over the signal the runner itself sent. Pure.
 */
export function classifyExit(facts: ExitFacts): ReplayError | null {
  const program = facts.command[0] ?? '';
  if (facts.spawnError) {
    const code = facts.spawnError.code;
    let why = facts.spawnError.message;
    if (code === 'ENOENT' && facts.cwd && !facts.cwd.exists) why = `the working directory ${facts.cwd.path} does not exist`;
    else if (code === 'ENOENT') why = program.includes('/') ? `no such file ${program}` : `not found on the child PATH${facts.childPath !== undefined ? ` (${facts.childPath})` : ''}`;
    else if (code === 'EACCES') why = `${program} is not executable (EACCES)`;
    return { kind: 'spawn_failed', message: `could not start ${program}: ${why}`, ...(code ? { code } : {}) };
  }
  if (facts.timeoutMs !== undefined) {
    return {
      kind: 'timeout',
      timeoutMs: facts.timeoutMs,
      message: `timed out after ${facts.timeoutMs} ms; the process group was killed`,
      ...(facts.signal ? { signal: facts.signal } : {}),
    };
  }
  if (facts.signal !== null) {
    return { kind: 'signal', signal: facts.signal, message: `${program} was killed by ${facts.signal}${said(facts)}` };
  }
  if (facts.exitCode !== 0) {
    return { kind: 'nonzero_exit', exitCode: facts.exitCode ?? -1, message: `${program} exited with code ${facts.exitCode}${said(facts)}` };
  }
  return null;
}

const said = (facts: ExitFacts) => (facts.stderrDiagnosis ? `: ${facts.stderrDiagnosis}` : '');
