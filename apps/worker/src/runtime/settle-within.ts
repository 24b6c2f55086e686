/** Wait for `promise` to settle, at most `ms`: true when it settled in time (its outcome is not looked at). */
export async function settleWithin(promise: Promise<unknown> | null | undefined, ms: number): Promise<boolean> {
  if (promise === null || promise === undefined) return true;
  let timer: NodeJS.Timeout | undefined;
  const settled = promise.then(
    () => true,
    () => true,
  );
  const late = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([settled, late]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Settle with `promise`, or reject with `signal`'s reason once it fires and `promise` has not settled
 * within `settleMs` after that (a cooperative callee ends itself first: its own error is kept).
 */
export function raceAbort<T>(promise: Promise<T>, signal: AbortSignal, settleMs = 0): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let timer: NodeJS.Timeout | undefined;
    const onAbort = () => {
      timer = setTimeout(() => reject(signal.reason), settleMs);
    };
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
