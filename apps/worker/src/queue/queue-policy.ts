/** How a queue retries, and how soon a dead worker's job goes back to the queue. */
export interface QueuePolicy {
  /** Attempts after the first (pg-boss `retryLimit`). */
  retryLimit: number;
  /** Base delay before a retry, seconds; doubled per attempt with jitter when `retryBackoff`. */
  retryDelaySeconds: number;
  retryBackoff: boolean;
  /**
   * The lease: a claimed job whose worker has not renewed it for this long is expired by maintenance
   * and retried by another worker. Workers renew every `leaseSeconds / 4`.
   */
  leaseSeconds: number;
}

export const DEFAULT_QUEUE_POLICY: QueuePolicy = {
  retryLimit: 3,
  retryDelaySeconds: 10,
  retryBackoff: true,
  leaseSeconds: 60,
};
