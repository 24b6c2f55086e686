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
}

/**
 * Classifies how the process ended: spawn_failed, timeout, signal, nonzero_exit — or null when it exited 0
 * (the result file decides then). A timeout wins over the signal the runner itself sent. Pure.
 */
export function classifyExit(facts: ExitFacts): ReplayError | null {
  const program = facts.command[0] ?? '';
  if (facts.spawnError) {
    const code = facts.spawnError.code;
    const why = code === 'ENOENT' ? 'not found on the child PATH' : facts.spawnError.message;
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
    return { kind: 'signal', signal: facts.signal, message: `${program} was killed by ${facts.signal}` };
  }
  if (facts.exitCode !== 0) {
    return { kind: 'nonzero_exit', exitCode: facts.exitCode ?? -1, message: `${program} exited with code ${facts.exitCode}` };
  }
  return null;
}
