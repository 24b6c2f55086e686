/** The value of an IEEE-754 binary16 bit pattern (how `<f2` elements are stored in `NpyArray.data`). */
export function halfToNumber(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >> 10) & 0x1f;
  const fraction = bits & 0x3ff;
  if (exponent === 0) return sign * fraction * 2 ** -24;
  if (exponent === 0x1f) return fraction === 0 ? sign * Number.POSITIVE_INFINITY : Number.NaN;
  return sign * (1 + fraction / 1024) * 2 ** (exponent - 15);
}

/** The binary16 bit pattern nearest to `value` (round half to even, overflow to ±Inf, NaN → 0x7e00). */
export function numberToHalf(value: number): number {
  if (Number.isNaN(value)) return 0x7e00;
  const sign = value < 0 || Object.is(value, -0) ? 0x8000 : 0;
  const a = Math.abs(value);
  if (a === Number.POSITIVE_INFINITY) return sign | 0x7c00;
  if (a === 0) return sign;
  // Work in units of the smallest subnormal (2^-24) for subnormals, else of the ulp at the exponent.
  let exponent = Math.floor(Math.log2(a));
  if (2 ** exponent > a) exponent -= 1;
  if (2 ** (exponent + 1) <= a) exponent += 1;
  if (exponent < -14) {
    const units = roundHalfEven(a / 2 ** -24);
    return sign | units; // units === 1024 rolls into the smallest normal, which is the right encoding
  }
  const mantissa = roundHalfEven((a / 2 ** exponent - 1) * 1024);
  let e = exponent + 15;
  let m = mantissa;
  if (m === 1024) {
    m = 0;
    e += 1;
  }
  if (e >= 0x1f) return sign | 0x7c00;
  return sign | (e << 10) | m;
}

function roundHalfEven(x: number): number {
  const f = Math.floor(x);
  const diff = x - f;
  if (diff > 0.5) return f + 1;
  if (diff < 0.5) return f;
  return f % 2 === 0 ? f : f + 1;
}
