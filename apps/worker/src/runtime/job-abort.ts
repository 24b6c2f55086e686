/** Why a running job's signal was aborted. */
export class JobAbort extends Error {
  override name = 'AbortError';
  constructor(readonly why: 'shutdown' | 'lease_lost') {
    super(why === 'shutdown' ? 'the worker is shutting down: the job returns to the queue' : 'the job lease was lost: another worker owns the job now');
  }
}

export function abortReason(signal: AbortSignal): JobAbort | null {
  return signal.aborted && signal.reason instanceof JobAbort ? signal.reason : null;
}
