/**
 * Fast, certified exact rounding of small sums and dot products (the common case of ExactSum).
 *
 * The sum is accumulated with Knuth's two-sum, which yields each addition's rounding error exactly;
 * the errors are summed into a compensation `c`, again by two-sum, whose own rounding errors f_j are
 * exact too. So the exact sum is S = s + c + Σf. When every f_j is 0 (the usual case), S = s + c
 * exactly and r = fl(s + c) is the exact sum correctly rounded, ties included. Otherwise r is still
 * the answer if |e| + Σ|f| stays below half the spacing of doubles around r, where e = (s + c) − r is
 * known exactly (two-sum again): no other double is then nearer to S. Either way r is the number
 * Shewchuk's algorithm gives. When neither holds (S within Σ|f| of a rounding midpoint), or for
 * non-finite values, overflow or tiny magnitudes, the functions report failure and the caller uses the
 * exact partials.
 *
 * Nothing here allocates. Doubles never cross a function call: results go to `out[0]` and the
 * functions return whether they certified one (V8 boxes a double returned from, or passed to, a
 * function it does not inline — an allocation that would recur on every step).
 */

/** 2^-52: the computed Σ|f| of `terms` terms is scaled by (1 + terms·2^-52) to bound the true one. */
const EPS = 2 ** -52;
/** Dekker's split constant, 2^27 + 1. */
const SPLITTER = 134217729;
/** Products below this magnitude may have lost bits to underflow: no certificate. */
const TINY = 2 ** -900;

const bits = new Float64Array(1);
const words = new Uint32Array(bits.buffer);
/** Index of the 32-bit word holding sign, exponent and top mantissa bits. */
const HIGH = new Uint8Array(new Float64Array([1]).buffer)[7] === 0x3f ? 1 : 0;
const LOW = 1 - HIGH;

/**
 * Round the sum held as `out[0]` = s, `out[1]` = c, `out[2]` = Σ|f| over `terms` terms: writes
 * r = fl(s + c) to `out[0]` and returns true when r is certified to be the correctly rounded S.
 */
function certify(out: Float64Array, terms: number): boolean {
  const s = out[0]!;
  const c = out[1]!;
  const f = out[2]!;
  // (c = 0 leaves s as is: -0 + 0 would turn a sum of negative zeros into +0.)
  const r = c === 0 ? s : s + c;
  // r - r is NaN when s + c overflowed.
  if (r - r !== 0) return false;
  if (f !== 0) {
    const rc = r - s;
    const e = s - (r - rc) + (c - rc);
    bits[0] = r;
    const high = words[HIGH]!;
    const exponent = (high >>> 20) & 0x7ff;
    // The gap 2^(exponent − 1075) must itself be a normal double (exponent − 52 ≥ 1).
    if (exponent < 53) return false;
    // The gap below a power of two is half the gap above it: take the smaller.
    const powerOfTwo = (high & 0xfffff) === 0 && words[LOW] === 0;
    words[HIGH] = (exponent - 52) << 20;
    words[LOW] = 0;
    const half = bits[0]! * (powerOfTwo ? 0.25 : 0.5);
    if (!(Math.abs(e) + f * (1 + terms * EPS) < half)) return false;
  }
  out[0] = r;
  return true;
}

/**
 * The exact sum of `values[offset … offset+n)` correctly rounded, into `out[0]` (`out` holds 3).
 * Returns false when it cannot be certified (see above).
 */
export function certifiedSum(values: Float64Array, offset: number, n: number, out: Float64Array): boolean {
  if (n === 0) {
    out[0] = 0;
    return true;
  }
  let s = values[offset]!;
  let c = 0;
  let f = 0;
  for (let i = offset + 1; i < offset + n; i++) {
    const v = values[i]!;
    const t = s + v;
    const tv = t - s;
    const e = s - (t - tv) + (v - tv);
    s = t;
    const u = c + e;
    const ue = u - c;
    f += Math.abs(c - (u - ue) + (e - ue));
    c = u;
  }
  // s - s is NaN for a non-finite input or an overflow (the two-sum errors are NaN too).
  if (s - s !== 0 || Number.isNaN(f)) return false;
  out[0] = s;
  out[1] = c;
  out[2] = f;
  return certify(out, n);
}

/**
 * The exact dot product Σ a[aOffset+i]·b[bOffset+i] over i in `[0, n)` correctly rounded, into
 * `out[0]`; false when it cannot be certified. Each product's rounding error is exact by Dekker's
 * two-product (given no overflow in the split and no underflow) and joins the compensation.
 */
export function certifiedDot(a: Float64Array, aOffset: number, b: Float64Array, bOffset: number, n: number, out: Float64Array): boolean {
  let s = 0;
  let c = 0;
  let f = 0;
  for (let i = 0; i < n; i++) {
    const x = a[aOffset + i]!;
    const y = b[bOffset + i]!;
    const p = x * y;
    const size = Math.abs(p);
    if (!(Math.abs(x) <= 1e300 && Math.abs(y) <= 1e300 && size <= 1e300 && (size >= TINY || x === 0 || y === 0))) return false;
    let split = SPLITTER * x;
    const xHi = split - (split - x);
    const xLo = x - xHi;
    split = SPLITTER * y;
    const yHi = split - (split - y);
    const yLo = y - yHi;
    // p + pe = x·y exactly.
    const pe = xLo * yLo - (p - xHi * yHi - xLo * yHi - xHi * yLo);
    if (i === 0) {
      s = p;
    } else {
      const t = s + p;
      const tp = t - s;
      const se = s - (t - tp) + (p - tp);
      s = t;
      // Both errors join c one by one, each addition's own error tracked in f.
      const u = c + se;
      const ue = u - c;
      f += Math.abs(c - (u - ue) + (se - ue));
      c = u;
    }
    const u = c + pe;
    const ue = u - c;
    f += Math.abs(c - (u - ue) + (pe - ue));
    c = u;
  }
  if (s - s !== 0 || Number.isNaN(f)) return false;
  out[0] = s;
  out[1] = c;
  out[2] = f;
  return certify(out, 2 * n);
}
