/**
 * Deadlines of S3 calls. `connectMs`: establishing a connection; `requestMs`: from sending a request to its
 * response headers (the SDK's `requestTimeout`, here with `throwOnRequestTimeout`: it fails the request,
 * which is retried, instead of only logging a warning); `totalMs`: one store call, every attempt, backoff and
 * body transfer included, after which it ends with StoreTimeoutError.
 */
export interface S3Timeouts {
  connectMs: number;
  requestMs: number;
  totalMs: number;
}

/** Defaults: connect 5 s, request 30 s, total 120 s (override with REPRO_S3_*_TIMEOUT_MS or options). */
export const DEFAULT_S3_TIMEOUTS: S3Timeouts = { connectMs: 5_000, requestMs: 30_000, totalMs: 120_000 };
