// Adaptive Gauss–Kronrod (G7/K15) quadrature on a set of breakpoints.

const XGK = [
  0.9914553711208126, 0.9491079123427585, 0.8648644233597691,
  0.7415311855993945, 0.5860872354676911, 0.4058451513773972,
  0.20778495500789848, 0,
];
const WGK = [
  0.022935322010529224, 0.06309209262997856, 0.10479001032225019,
  0.14065325971552592, 0.1690047266392679, 0.19035057806478542,
  0.20443294007529889, 0.20948214108472782,
];
const WG = [0.1294849661688697, 0.27970539148927664, 0.3818300505051189, 0.4179591836734694];

interface Panel {
  a: number;
  b: number;
  value: number;
  error: number;
}

const EPSILON = Number.EPSILON;

/** One G7/K15 panel with QUADPACK's error estimate (scaled Kronrod–Gauss difference, roundoff floor). */
function gaussKronrod(f: (x: number) => number, a: number, b: number): Panel {
  const center = (a + b) / 2;
  const half = (b - a) / 2;
  const values: number[] = new Array(15);
  const fc = f(center);
  let kronrod = fc * WGK[7]!;
  let gauss = fc * WG[3]!;
  let absolute = Math.abs(kronrod);
  for (let j = 0; j < 7; j += 1) {
    const dx = half * XGK[j]!;
    const left = f(center - dx);
    const right = f(center + dx);
    values[2 * j] = left;
    values[2 * j + 1] = right;
    kronrod += WGK[j]! * (left + right);
    absolute += WGK[j]! * (Math.abs(left) + Math.abs(right));
    if (j % 2 === 1) gauss += WG[(j - 1) / 2]! * (left + right);
  }
  const mean = kronrod / 2;
  let spread = WGK[7]! * Math.abs(fc - mean);
  for (let j = 0; j < 7; j += 1) {
    spread += WGK[j]! * (Math.abs(values[2 * j]! - mean) + Math.abs(values[2 * j + 1]! - mean));
  }
  const value = kronrod * half;
  const resabs = absolute * Math.abs(half);
  const resasc = spread * Math.abs(half);
  let error = Math.abs((kronrod - gauss) * half);
  if (resasc !== 0 && error !== 0) error = resasc * Math.min(1, (200 * error / resasc) ** 1.5);
  if (resabs > Number.MIN_VALUE / (50 * EPSILON)) error = Math.max(50 * EPSILON * resabs, error);
  return { a, b, value, error };
}

/**
 * ∫ f over [points[0], points[last]], globally adaptive (QUADPACK QAG style): start from the panels
 * between the given breakpoints, then repeatedly bisect the panel with the largest error estimate until
 * the total error is within max(absTolerance, relTolerance·|integral|) or the panel budget is spent.
 */
export function integrate(
  f: (x: number) => number,
  points: readonly number[],
  absTolerance = 0,
  relTolerance = 1e-13,
  maxPanels = 2000,
): number {
  const panels: Panel[] = [];
  for (let i = 1; i < points.length; i += 1) {
    if (points[i]! > points[i - 1]!) panels.push(gaussKronrod(f, points[i - 1]!, points[i]!));
  }
  for (;;) {
    let total = 0;
    let totalError = 0;
    let worst = 0;
    for (let i = 0; i < panels.length; i += 1) {
      total += panels[i]!.value;
      totalError += panels[i]!.error;
      if (panels[i]!.error > panels[worst]!.error) worst = i;
    }
    if (panels.length === 0) return 0;
    if (totalError <= Math.max(absTolerance, relTolerance * Math.abs(total)) || panels.length >= maxPanels) return total;
    const { a, b } = panels[worst]!;
    const mid = (a + b) / 2;
    if (!(mid > a && mid < b)) return total;
    panels.splice(worst, 1, gaussKronrod(f, a, mid), gaussKronrod(f, mid, b));
  }
}
