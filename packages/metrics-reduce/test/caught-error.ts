/**
 * The error `fn` throws, checked to be an instance of `type` (so a test can assert on its fields).
 * Fails when `fn` returns normally or throws something else.
 */
export function caughtError<E extends Error>(fn: () => unknown, type: abstract new (...args: never[]) => E): E {
  try {
    fn();
  } catch (error) {
    if (error instanceof type) return error;
    throw error;
  }
  throw new Error(`expected a ${type.name}, but nothing was thrown`);
}
