/**
 * An exact, order-independent floating-point sum (Shewchuk's algorithm, as in Python's `math.fsum`):
 * the partial sums are kept as non-overlapping doubles, so the result is the exact sum of the inputs
 * correctly rounded once. Integer counters sum exactly whenever the true total fits in ±2^53, whatever
 * the order of the ranks and even when intermediate sums of mixed signs would not. A non-finite input
 * makes the result the IEEE sum of the non-finite inputs (NaN, or ±Infinity). A finite sum that
 * overflows the double range is ±Infinity.
 *
 * The partials live in a preallocated typed array: `reset`/`add`/`value` allocate nothing.
 */
export class ExactSum {
  private partials = new Float64Array(64);
  private n = 0;
  private special = 0;
  private hasSpecial = false;

  reset(): void {
    this.n = 0;
    this.special = 0;
    this.hasSpecial = false;
  }

  add(value: number): void {
    let x = value;
    if (!Number.isFinite(x)) {
      this.special += x;
      this.hasSpecial = true;
      return;
    }
    const p = this.partials;
    let i = 0;
    for (let j = 0; j < this.n; j++) {
      let y = p[j]!;
      if (Math.abs(x) < Math.abs(y)) {
        const t = x;
        x = y;
        y = t;
      }
      const hi = x + y;
      if (!Number.isFinite(hi)) {
        // Overflow of a finite sum: the result is out of the double range.
        this.special += hi;
        this.hasSpecial = true;
        return;
      }
      const lo = y - (hi - x);
      if (lo !== 0) p[i++] = lo;
      x = hi;
    }
    if (i >= p.length) this.grow();
    this.partials[i] = x;
    this.n = i + 1;
  }

  /** Add the exact product `a·b` (Dekker's two-product: no rounding of the product is lost). */
  addProduct(a: number, b: number): void {
    const product = a * b;
    if (!Number.isFinite(product) || Math.abs(a) > 1e300 || Math.abs(b) > 1e300) {
      this.add(product);
      return;
    }
    let c = SPLITTER * a;
    const aHi = c - (c - a);
    const aLo = a - aHi;
    c = SPLITTER * b;
    const bHi = c - (c - b);
    const bLo = b - bHi;
    const error = aLo * bLo - (product - aHi * bHi - aLo * bHi - aHi * bLo);
    this.add(product);
    if (error !== 0) this.add(error);
  }

  value(): number {
    if (this.hasSpecial) return this.special;
    let n = this.n;
    if (n === 0) return 0;
    const p = this.partials;
    let hi = p[--n]!;
    let lo = 0;
    while (n > 0) {
      const x = hi;
      const y = p[--n]!;
      hi = x + y;
      const yr = hi - x;
      lo = y - yr;
      if (lo !== 0) break;
    }
    // Half-even rounding across several partials.
    if (n > 0 && ((lo < 0 && p[n - 1]! < 0) || (lo > 0 && p[n - 1]! > 0))) {
      const y = lo * 2;
      const x = hi + y;
      const yr = x - hi;
      if (y === yr) hi = x;
    }
    return hi;
  }

  private grow(): void {
    const next = new Float64Array(this.partials.length * 2);
    next.set(this.partials);
    this.partials = next;
  }
}

const SPLITTER = 134217729; // 2^27 + 1 (Veltkamp split of a double into two 26-bit halves)
