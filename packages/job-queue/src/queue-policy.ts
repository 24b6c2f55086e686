/** How a queue retries, and how soon a dead worker's job goes back to the queue. */
export interface QueuePolicy {
  /** Attempts after the first (pg-boss `retryLimit`). */
  retryLimit: number;
  /** Base delay before a retry, seconds; doubled per attempt with jitter when `retryBackoff`. */
  retryDelaySeconds: number;
  retryBackoff: boolean;
  /**
   * The lease, as pg-boss 12's `heartbeatSeconds` (at least 10): a claimed job whose worker has not sent
   * a heartbeat (`touch`) for this long is failed into retry by pg-boss's supervision and claimed by
   * another worker. Workers touch every `leaseSeconds / 4`.
   */
  leaseSeconds: number;
}

export const DEFAULT_QUEUE_POLICY: QueuePolicy = {
  retryLimit: 3,
  retryDelaySeconds: 10,
  retryBackoff: true,
  leaseSeconds: 60,
};
