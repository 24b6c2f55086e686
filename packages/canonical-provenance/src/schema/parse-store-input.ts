import { formatIssuePath } from '@repro/verdict-core';
import type { z } from 'zod';
import { StoreInputError } from '../store-errors.js';

/** Validates `value` with `schema`; the first issue → StoreInputError naming the field by its dotted path. */
export function parseStoreInput<S extends z.ZodType>(schema: S, value: unknown, prefix: readonly PropertyKey[] = []): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const path = [...prefix, ...issue.path];
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0]!;
    return errorOut(new StoreInputError(formatIssuePath([...path, key]), `${issue.message.startsWith('Unrecognized key') ? 'unknown field' : issue.message}${issue.keys.length > 1 ? ` (also ${issue.keys.slice(1).join(', ')})` : ''}`));
  }
  return errorOut(new StoreInputError(formatIssuePath(path), issue.message));
}

function errorOut(error: StoreInputError): never {
  throw error;
}
