/**
 * Interns metric key names to small integer ids, so per-step work indexes typed arrays instead of
 * hashing strings into fresh objects. Share one registry between the StepMetrics of the ranks you
 * aggregate together. Ids are dense, stable, and never reused.
 */
export class MetricKeyRegistry {
  private readonly ids = new Map<string, number>();
  private readonly names: string[] = [];

  /** The id of `name`, interning it on first use (the only allocation). */
  id(name: string): number {
    const found = this.ids.get(name);
    if (found !== undefined) return found;
    const id = this.names.length;
    this.ids.set(name, id);
    this.names.push(name);
    return id;
  }

  /** The id of `name`, or -1 if it was never interned. */
  lookup(name: string): number {
    return this.ids.get(name) ?? -1;
  }

  name(id: number): string {
    const name = this.names[id];
    if (name === undefined) throw new RangeError(`no metric key with id ${id}`);
    return name;
  }

  /** Number of interned keys (ids are 0 … size-1). Grows only. */
  get size(): number {
    return this.names.length;
  }
}
