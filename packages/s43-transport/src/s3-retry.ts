import { setTimeout as sleepFor } from 'node:timers/promises';
import { StoreUnavailableError } from './store-errors.js';

/** Bounded retries with exponential backoff and jitter. */
export interface RetryPolicy {
  /** Total attempts, first one included (default 5). */
  maxAttempts: number;
  /** First backoff (default 100 ms); doubles per attempt up to `maxDelayMs` (default 5 s). */
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 5, baseDelayMs: 100, maxDelayMs: 5000 };

const RETRYABLE_CODES = new Set([
  'SlowDown',
  'Throttling',
  'ThrottlingException',
  'ThrottledException',
  'RequestThrottled',
  'RequestThrottledException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'RequestTimeout',
  'RequestTimeoutException',
  'InternalError',
  'ServiceUnavailable',
  'TimeoutError',
  'ConditionalRequestConflict',
]);
const NETWORK_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'ECONNABORTED', 'EPIPE', 'ETIMEDOUT', 'EAI_AGAIN', 'UND_ERR_SOCKET', 'ERR_STREAM_PREMATURE_CLOSE']);

interface AwsLikeError {
  name?: string;
  code?: string;
  Code?: string;
  message?: string;
  $retryable?: unknown;
  $metadata?: { httpStatusCode?: number };
  cause?: unknown;
}

/** Is this failure worth another attempt: a 5xx, SlowDown/throttling, a timeout or a connection reset? Pure. */
export function isRetryableS3Error(error: unknown, depth = 0): boolean {
  if (error === null || typeof error !== 'object' || depth > 4) return false;
  const e = error as AwsLikeError;
  const status = e.$metadata?.httpStatusCode;
  if (status !== undefined && (status >= 500 || status === 429)) return true;
  for (const code of [e.name, e.code, e.Code]) if (code !== undefined && (RETRYABLE_CODES.has(code) || NETWORK_CODES.has(code))) return true;
  if (e.$retryable !== undefined && e.$retryable !== null && e.$retryable !== false) return true;
  if (typeof e.message === 'string' && /socket hang up|ECONNRESET|EPIPE|premature close/i.test(e.message)) return true;
  return isRetryableS3Error(e.cause, depth + 1);
}

/** Delay before attempt `attempt + 1` (attempt ≥ 1): exponential, capped, with "equal jitter" from `random` ∈ [0,1). Pure. */
export function backoffDelayMs(attempt: number, policy: RetryPolicy, random: number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return ceiling / 2 + (ceiling / 2) * random;
}

export interface RetryHooks {
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  /** Called before each retry with the attempt that failed. */
  onRetry?: (info: { operation: string; key: string; attempt: number; delayMs: number; error: unknown }) => void;
}

/**
 * Run `attempt` up to `policy.maxAttempts` times while it fails with a retryable error. A non-retryable
 * error is rethrown at once; exhausting the attempts throws StoreUnavailableError (with the last cause).
 * Once `signal` fires no further attempt starts and the backoff sleep ends at once.
 */
export async function withRetries<T>(operation: string, key: string, attempt: () => Promise<T>, policy: RetryPolicy, hooks: RetryHooks = {}, signal?: AbortSignal): Promise<T> {
  const sleep = hooks.sleep ?? ((ms: number) => sleepFor(ms, undefined, signal === undefined ? {} : { signal }));
  const random = hooks.random ?? Math.random;
  for (let n = 1; ; n += 1) {
    try {
      return await attempt();
    } catch (error) {
      if (!isRetryableS3Error(error) || signal?.aborted) throw error;
      if (n >= policy.maxAttempts) throw new StoreUnavailableError(key, operation, n, error);
      const delayMs = backoffDelayMs(n, policy, random());
      hooks.onRetry?.({ operation, key, attempt: n, delayMs, error });
      await sleep(delayMs);
    }
  }
}
