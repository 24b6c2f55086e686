import type { CapturedOutput } from './output-tail.js';

/** Lines and bytes of stderr kept in a failure (`ReplayError.stderrTail`). */
export const FAILURE_TAIL_LINES = 40;
export const FAILURE_TAIL_BYTES = 4_096;

/** The last lines of a (redacted) stderr capture, bounded to FAILURE_TAIL_LINES lines and FAILURE_TAIL_BYTES bytes. Pure. */
export function failureTail(stderr: CapturedOutput): string {
  let lines = stderr.tail.replace(/\s+$/, '').split('\n');
  if (lines.length > FAILURE_TAIL_LINES) lines = lines.slice(-FAILURE_TAIL_LINES);
  let text = lines.join('\n');
  while (Buffer.byteLength(text) > FAILURE_TAIL_BYTES && lines.length > 1) {
    lines = lines.slice(1);
    text = lines.join('\n');
  }
  if (Buffer.byteLength(text) > FAILURE_TAIL_BYTES) text = text.slice(-FAILURE_TAIL_BYTES);
  return text;
}

/**
 * What a failed child's stderr says, in one line, when it says something we recognise: Python's
 * "can't open file" (the script is missing), Node's "Cannot find module", a missing Python module, or the
 * last line of a Python traceback (`ValueError: …`). Null when nothing is recognised. Pure.
 */
export function diagnoseStderr(stderr: string): string | null {
  const cantOpen = /can't open file '([^']+)': \[Errno (\d+)\] ([^\n]+)/.exec(stderr);
  if (cantOpen) return `the script ${cantOpen[1]} could not be opened (${cantOpen[3]!.trim()})`;
  const nodeMissing = /Error: Cannot find module '([^']+)'/.exec(stderr);
  if (nodeMissing) return `module or script ${nodeMissing[1]} not found`;
  const lines = stderr.replace(/\s+$/, '').split('\n');
  const tracebackAt = lines.map((l) => l.startsWith('Traceback (most recent call last)')).lastIndexOf(true);
  if (tracebackAt >= 0) {
    const last = lines.slice(tracebackAt + 1).reverse().find((l) => /^[A-Za-z_][\w.]*(Error|Exception|Exit|Interrupt|Warning)?(: .*)?$/.test(l) && !l.startsWith(' '));
    if (last) {
      const missing = /^ModuleNotFoundError: No module named '([^']+)'/.exec(last);
      return missing ? `missing Python module ${missing[1]} (${last})` : last;
    }
  }
  return null;
}
