/**
 * The one rule for service-backed tests: in CI (CI=true) a missing service fails the run loudly;
 * locally the test may skip, with a message that says what to start.
 */
export class MissingServiceError extends Error {
  override name = 'MissingServiceError';
}

export function isCi(): boolean {
  const ci = process.env.CI;
  return ci !== undefined && ci !== '' && ci !== '0' && ci.toLowerCase() !== 'false';
}

/** Returns null (skip) locally, throws in CI. */
export function serviceMissing(service: string, howToStart: string, cause: unknown): null {
  const why = cause instanceof Error ? cause.message : String(cause);
  const message = `${service} is not available (${why}). Start it: ${howToStart}`;
  if (isCi()) throw new MissingServiceError(`CI=true: ${message}`);
  // Test infrastructure, not library code: telling the developer why tests are skipped is the point.
  process.stderr.write(`[test-services] skipping: ${message}\n`);
  return null;
}
