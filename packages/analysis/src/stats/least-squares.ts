export interface LinearFit {
  intercept: number;
  slope: number;
  r2: number;
}
export interface QuadraticFit {
  c0: number;
  c1: number;
  c2: number;
  r2: number;
}

function mean(values: Float64Array): number {
  let sum = 0;
  for (const value of values) sum += value;
  return sum / values.length;
}

function rSquared(x: Float64Array, y: Float64Array, predict: (x: number) => number): number {
  const yBar = mean(y);
  let residual = 0;
  let total = 0;
  for (let i = 0; i < y.length; i++) {
    const yi = y[i] as number;
    residual += (yi - predict(x[i] as number)) ** 2;
    total += (yi - yBar) ** 2;
  }
  return 1 - residual / total;
}

/** Ordinary least squares y ≈ intercept + slope·x (numpy `polyfit(x, y, 1)`), with R². */
export function fitLinear(x: Float64Array, y: Float64Array): LinearFit {
  const xBar = mean(x);
  const yBar = mean(y);
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < x.length; i++) {
    const dx = (x[i] as number) - xBar;
    sxy += dx * ((y[i] as number) - yBar);
    sxx += dx * dx;
  }
  const slope = sxy / sxx;
  const intercept = yBar - slope * xBar;
  return { intercept, slope, r2: rSquared(x, y, (v) => intercept + slope * v) };
}

/** Solves a 3 × 3 system by Gaussian elimination with partial pivoting. */
function solve3(a: number[][], b: number[]): [number, number, number] {
  const m = a.map((row, i) => [...row, b[i] as number]);
  for (let col = 0; col < 3; col++) {
    let pivot = col;
    for (let row = col + 1; row < 3; row++) {
      if (Math.abs(m[row]?.[col] as number) > Math.abs(m[pivot]?.[col] as number)) pivot = row;
    }
    [m[col], m[pivot]] = [m[pivot] as number[], m[col] as number[]];
    const p = m[col] as number[];
    if (p[col] === 0) throw new Error("singular system: x takes fewer than three distinct values");
    for (let row = col + 1; row < 3; row++) {
      const r = m[row] as number[];
      const factor = (r[col] as number) / (p[col] as number);
      for (let k = col; k < 4; k++) r[k] = (r[k] as number) - factor * (p[k] as number);
    }
  }
  const out = [0, 0, 0];
  for (let row = 2; row >= 0; row--) {
    const r = m[row] as number[];
    let sum = r[3] as number;
    for (let k = row + 1; k < 3; k++) sum -= (r[k] as number) * (out[k] as number);
    out[row] = sum / (r[row] as number);
  }
  return out as [number, number, number];
}

/**
 * Least-squares parabola y ≈ c0 + c1·x + c2·x² (numpy `polyfit(x, y, 2)`), with R². The normal
 * equations are formed in u = (x − mean)/sd, which keeps them well conditioned for columns such
 * as duration in milliseconds, and the coefficients are mapped back to x.
 */
export function fitQuadratic(x: Float64Array, y: Float64Array): QuadraticFit {
  const xBar = mean(x);
  let variance = 0;
  for (const value of x) variance += (value - xBar) ** 2;
  const scale = Math.sqrt(variance / x.length) || 1;
  const s = [0, 0, 0, 0, 0];
  const t = [0, 0, 0];
  for (let i = 0; i < x.length; i++) {
    const u = ((x[i] as number) - xBar) / scale;
    const yi = y[i] as number;
    let power = 1;
    for (let k = 0; k <= 4; k++) {
      s[k] = (s[k] as number) + power;
      if (k <= 2) t[k] = (t[k] as number) + power * yi;
      power *= u;
    }
  }
  const [a, b, c] = solve3(
    [
      [s[0] as number, s[1] as number, s[2] as number],
      [s[1] as number, s[2] as number, s[3] as number],
      [s[2] as number, s[3] as number, s[4] as number],
    ],
    t,
  );
  // y = a + b·u + c·u², u = (x − m)/k  ⇒  c2 = c/k², c1 = b/k − 2cm/k², c0 = a − bm/k + cm²/k².
  const c2 = c / scale ** 2;
  const c1 = b / scale - 2 * c2 * xBar;
  const c0 = a - (b * xBar) / scale + c2 * xBar * xBar;
  return {
    c0,
    c1,
    c2,
    r2: rSquared(x, y, (v) => a + b * ((v - xBar) / scale) + c * ((v - xBar) / scale) ** 2),
  };
}
