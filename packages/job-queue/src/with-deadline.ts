import { QueueTimeoutError } from './queue-errors.js';

export interface DeadlineOptions {
  /** Where (host:port/database) and what, for the QueueTimeoutError. */
  where: string;
  operation: string;
  /** No deadline when undefined. */
  timeoutMs?: number;
  signal?: AbortSignal;
}

/**
 * Run `work` and settle with it, unless the deadline passes first (QueueTimeoutError) or `signal` fires
 * (rejects with its reason). `work` keeps running in the background: the pool's query deadline ends it.
 */
export async function withDeadline<T>(work: () => Promise<T>, options: DeadlineOptions): Promise<T> {
  const { signal, timeoutMs } = options;
  signal?.throwIfAborted();
  if (timeoutMs === undefined && signal === undefined) return work();
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  const stopped = new Promise<never>((_, reject) => {
    if (timeoutMs !== undefined) timer = setTimeout(() => reject(new QueueTimeoutError(options.where, options.operation, timeoutMs)), timeoutMs);
    if (signal !== undefined) {
      onAbort = () => reject(signal.reason);
      signal.addEventListener('abort', onAbort, { once: true });
    }
  });
  try {
    return await Promise.race([work(), stopped]);
  } finally {
    clearTimeout(timer);
    if (onAbort !== undefined) signal?.removeEventListener('abort', onAbort);
  }
}
