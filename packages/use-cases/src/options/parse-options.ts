import type { z } from 'zod';
import { UseCaseInputError } from '../use-case-errors.js';

/**
 * Validates use-case options with their schema. Throws UseCaseInputError naming the first bad field
 * (`parity_dims.1`, or the unknown key for a key the schema does not have).
 */
export function parseOptions<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const path = issue.path.map(String).join('.');
  if (issue.code === 'unrecognized_keys') {
    const field = path === '' ? issue.keys[0]! : `${path}.${issue.keys[0]}`;
    throw new UseCaseInputError(field, `unknown option${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => JSON.stringify(k)).join(', ')}`);
  }
  if (path === '') throw new UseCaseInputError('(options)', issue.code === 'invalid_type' ? 'must be an object' : issue.message);
  const missing = issue.code === 'invalid_type' && valueAt(input, issue.path) === undefined;
  throw new UseCaseInputError(path, missing ? 'is required' : issue.message);
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}
