/**
 * Thrown (as a rejection) when the caller's AbortSignal fires: the process group has been killed and is
 * gone by the time this is thrown. Not a replay failure: the caller asked to stop.
 */
export class ReplayAbortedError extends Error {
  override readonly name = 'AbortError';
  constructor(readonly label: string, options?: { cause?: unknown }) {
    super(`replay ${label} aborted; its process group was killed`, options);
  }
}
