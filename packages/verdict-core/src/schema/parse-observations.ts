import type { z } from 'zod';
import { VerdictInputError } from '../verdict-input-error.js';
import { type Observation, observationSchema } from './observation-schema.js';

/** Dotted path of a zod issue: `[2].replay_a.value`, or `(root)` for the document itself. */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) out += typeof key === 'number' ? `[${key}]` : `${out === '' ? '' : '.'}${String(key)}`;
  return out === '' ? '(root)' : out;
}

function firstIssue(error: z.ZodError): VerdictInputError {
  const issue = error.issues[0]!;
  return new VerdictInputError(formatIssuePath(issue.path), issue.message);
}

/**
 * Validates one observation object or an array of them (the `repro verdict decide` input). Throws a
 * VerdictInputError naming the first offending field, e.g. `[1].replay_b: …`.
 */
export function parseObservations(input: unknown): { readonly many: boolean; readonly observations: Observation[] } {
  if (Array.isArray(input)) {
    if (input.length === 0) throw new VerdictInputError('(root)', 'expected at least one observation, got an empty array');
    const observations: Observation[] = [];
    for (const [index, item] of input.entries()) {
      const result = observationSchema.safeParse(item);
      if (!result.success) {
        const inner = firstIssue(result.error);
        throw new VerdictInputError(formatIssuePath([index, ...result.error.issues[0]!.path]), inner.message.slice(inner.field.length + 2));
      }
      observations.push(result.data);
    }
    return { many: true, observations };
  }
  const result = observationSchema.safeParse(input);
  if (!result.success) throw firstIssue(result.error);
  return { many: false, observations: [result.data] };
}
