import { VerdictInputError } from '../verdict-input-error.js';

/** Checks a probability argument lies strictly inside (0, 1). */
export function assertProbability(name: string, value: number): void {
  if (!(Number.isFinite(value) && value > 0 && value < 1)) {
    throw new VerdictInputError(name, `must be a probability strictly between 0 and 1, got ${value}`);
  }
}
