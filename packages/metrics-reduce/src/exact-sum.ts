import { certifiedDot, certifiedSum } from './compensated-sum.js';
import { growTypedArray } from './grow-typed-array.js';

const SPLITTER = 134217729; // 2^27 + 1 (Veltkamp split of a double into two 26-bit halves)

/**
 * An exact, order-independent floating-point sum (Shewchuk's algorithm, as in Python's `math.fsum`):
 * the partial sums are kept as non-overlapping doubles, so the result is the exact sum of the inputs
 * correctly rounded once. Integer counters sum exactly whenever the true total fits in ±2^53, whatever
 * the order of the ranks and even when intermediate sums of mixed signs would not. A non-finite input
 * makes the result the IEEE sum of the non-finite inputs (NaN, or ±Infinity). A finite sum that
 * overflows the double range is ±Infinity.
 *
 * `sumInto` / `dotInto` reduce a run of a typed array, first by a certified compensated sum (see
 * compensated-sum.ts: the same result, much faster), else with the partials. The partials live in a
 * preallocated typed array and doubles move between methods through `scratch`, never as arguments or
 * return values of internal calls (which V8 may box): after warm-up nothing allocates.
 */
export class ExactSum {
  private partials = new Float64Array(64);
  private n = 0;
  private special = 0;
  private hasSpecial = false;
  /** [0] result, [1] compensation / a value to add, [2] error total / a second value to add. */
  private readonly scratch = new Float64Array(3);

  reset(): void {
    this.n = 0;
    this.special = 0;
    this.hasSpecial = false;
  }

  add(value: number): void {
    this.scratch[1] = value;
    this.addAt(this.scratch, 1);
  }

  /** Add the exact product `a·b` (Dekker's two-product: no rounding of the product is lost). */
  addProduct(a: number, b: number): void {
    this.scratch[1] = a;
    this.scratch[2] = b;
    this.addProductAt(this.scratch, 1, this.scratch, 2);
  }

  value(): number {
    this.settle();
    return this.scratch[0]!;
  }

  /**
   * The exact sum of `values[offset … offset+n)`, correctly rounded once, written to `into[index]`:
   * the same number as `reset`, `add` each, `value`. Resets this accumulator. (The result is written,
   * not returned, so that no double crosses a call that V8 might not inline.)
   */
  sumInto(values: Float64Array, offset: number, n: number, into: Float64Array, index: number): void {
    if (!certifiedSum(values, offset, n, this.scratch)) {
      this.reset();
      for (let i = offset; i < offset + n; i++) this.addAt(values, i);
      this.settle();
    }
    into[index] = this.scratch[0]!;
  }

  /**
   * The exact dot product Σ a[aOffset+i]·b[bOffset+i] over i in `[0, n)`, correctly rounded once,
   * written to `into[index]`: the same number as `reset`, `addProduct` each, `value`. Resets this
   * accumulator.
   */
  dotInto(a: Float64Array, aOffset: number, b: Float64Array, bOffset: number, n: number, into: Float64Array, index: number): void {
    if (!certifiedDot(a, aOffset, b, bOffset, n, this.scratch)) {
      this.reset();
      for (let i = 0; i < n; i++) this.addProductAt(a, aOffset + i, b, bOffset + i);
      this.settle();
    }
    into[index] = this.scratch[0]!;
  }

  /** Add `values[index]` to the partials. */
  private addAt(values: Float64Array, index: number): void {
    let x = values[index]!;
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
    if (i >= p.length) this.partials = growTypedArray(p, i + 1);
    this.partials[i] = x;
    this.n = i + 1;
  }

  /** Add the exact product `a[ai]·b[bi]`: the rounded product and its rounding error. */
  private addProductAt(a: Float64Array, ai: number, b: Float64Array, bi: number): void {
    const x = a[ai]!;
    const y = b[bi]!;
    const scratch = this.scratch;
    const product = x * y;
    scratch[1] = product;
    if (!Number.isFinite(product) || Math.abs(x) > 1e300 || Math.abs(y) > 1e300) {
      this.addAt(scratch, 1);
      return;
    }
    let c = SPLITTER * x;
    const xHi = c - (c - x);
    const xLo = x - xHi;
    c = SPLITTER * y;
    const yHi = c - (c - y);
    const yLo = y - yHi;
    scratch[2] = xLo * yLo - (product - xHi * yHi - xLo * yHi - xHi * yLo);
    this.addAt(scratch, 1);
    if (scratch[2] !== 0) this.addAt(scratch, 2);
  }

  /** The correctly rounded sum of the partials, into `scratch[0]`. */
  private settle(): void {
    const scratch = this.scratch;
    if (this.hasSpecial) {
      scratch[0] = this.special;
      return;
    }
    let n = this.n;
    if (n === 0) {
      scratch[0] = 0;
      return;
    }
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
    scratch[0] = hi;
  }
}
