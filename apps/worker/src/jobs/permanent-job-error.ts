/**
 * A job that can never succeed as submitted (unknown profile, invalid payload, …): it is failed at once,
 * not retried, and the message says why. Any other error is retried by the queue.
 */
export class PermanentJobError extends Error {
  override name = 'PermanentJobError';
  constructor(
    /** Stable code: `invalid_payload`, `unknown_profile`, `invalid_input`. */
    readonly kind: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}
