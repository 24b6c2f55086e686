/**
 * Runs `work` on every item, at most `limit` at a time (file operations on a tree of ~1000 files: the
 * thread pool works on several at once instead of one after another). Every started call settles before
 * this returns; then the first failure, if any, is thrown.
 */
export async function forEachBounded<Item>(items: readonly Item[], limit: number, work: (item: Item) => Promise<void>): Promise<void> {
  let next = 0;
  const failures: unknown[] = [];
  const lane = async (): Promise<void> => {
    while (next < items.length && failures.length === 0) {
      const item = items[next] as Item;
      next += 1;
      await work(item).catch((error: unknown) => {
        failures.push(error);
      });
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, lane));
  if (failures.length > 0) throw failures[0];
}
