import type { KnobMismatch } from './replay-error.js';

/**
 * Compares every requested knob with what the child observed. A knob the child did not report at all
 * is a mismatch too: an unverified pin cannot be claimed. Pure.
 */
export function checkPins(
  requested: Readonly<Record<string, string>>,
  observed: Readonly<Record<string, string | null>> | undefined,
): KnobMismatch[] {
  const mismatches: KnobMismatch[] = [];
  for (const [knob, value] of Object.entries(requested)) {
    const seen = observed !== undefined && Object.hasOwn(observed, knob) ? observed[knob] : undefined;
    if (seen !== value) mismatches.push({ knob, requested: value, observed: seen });
  }
  return mismatches;
}
