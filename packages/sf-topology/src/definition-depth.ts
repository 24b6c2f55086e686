/**
 * The deepest JSON nesting a definition may have. A state machine nests a few levels per Parallel or
 * Map (`States` → state → `Branches` → branch → `States`), so 256 holds ~50 nested Parallel states, far
 * past any real machine, while every recursive walk over it stays well inside the default stack.
 */
export const MAX_DEFINITION_DEPTH = 256;

/**
 * Why `value` is nested too deeply to analyse, or null. Iterative (an explicit stack), so it cannot
 * overflow itself on the input it exists to refuse. Pure.
 */
export function definitionDepthProblem(value: unknown): string | null {
  const stack: Array<{ value: unknown; depth: number }> = [{ value, depth: 1 }];
  while (stack.length > 0) {
    const next = stack.pop()!;
    if (typeof next.value !== 'object' || next.value === null) continue;
    if (next.depth > MAX_DEFINITION_DEPTH) return `the definition is nested more than ${MAX_DEFINITION_DEPTH} levels deep`;
    for (const child of Object.values(next.value)) if (typeof child === 'object' && child !== null) stack.push({ value: child, depth: next.depth + 1 });
  }
  return null;
}
