/**
 * Every node reachable from `starts` by repeatedly following `next` (the starts included). Used
 * forwards (successors: reachability, contiguity) and backwards (predecessors: "can reach a
 * terminal"). Pure, iterative.
 */
export function closure(starts: Iterable<string>, next: (node: string) => Iterable<string>): Set<string> {
  const seen = new Set<string>(starts);
  const stack = [...seen];
  while (stack.length > 0) {
    for (const to of next(stack.pop()!)) {
      if (!seen.has(to)) {
        seen.add(to);
        stack.push(to);
      }
    }
  }
  return seen;
}
