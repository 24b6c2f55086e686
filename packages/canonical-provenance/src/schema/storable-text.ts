import type { z } from 'zod';

/** PostgreSQL's text and jsonb cannot hold U+0000; PGlite neither. */
const NUL = '\u0000';

/** The path (keys from the root) of the first string or key holding U+0000 in a JSON value, or null. Iterative. Pure. */
export function pathOfNul(value: unknown): (string | number)[] | null {
  const stack: Array<{ value: unknown; path: (string | number)[] }> = [{ value, path: [] }];
  while (stack.length > 0) {
    const next = stack.pop()!;
    if (typeof next.value === 'string') {
      if (next.value.includes(NUL)) return next.path;
    } else if (Array.isArray(next.value)) {
      for (const [index, item] of next.value.entries()) stack.push({ value: item, path: [...next.path, index] });
    } else if (typeof next.value === 'object' && next.value !== null) {
      for (const [key, item] of Object.entries(next.value)) {
        if (key.includes(NUL)) return [...next.path, key];
        stack.push({ value: item, path: [...next.path, key] });
      }
    }
  }
  return null;
}

/** A zod check refusing U+0000 anywhere in the value, at the path where it is (the store could not keep it). */
export function refuseNul(value: unknown, ctx: z.RefinementCtx): void {
  const path = pathOfNul(value);
  if (path !== null) ctx.addIssue({ code: 'custom', path, message: 'must not contain a NUL character (U+0000): the store cannot keep it' });
}
