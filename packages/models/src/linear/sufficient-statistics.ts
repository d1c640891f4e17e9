import type { Matrix } from "../matrix.ts";
import type { LinearModel } from "./least-squares.ts";
import { minimumNormSolution } from "./min-norm.ts";

/**
 * The (weighted) sums a least-squares fit needs, taken about a fixed shift so that the cross products are
 * nearly centred and cancellation stays mild: with d = x − shift and e = y − shiftY over the rows used,
 * count = Σw, sumX = Σ w d, sumY = Σ w e, xtx = Σ w d dᵀ (p × p row-major, symmetric), xty = Σ w d e,
 * yty = Σ w e². Statistics with the same shift add and subtract, so a K-fold train set is "all − fold".
 */
export interface SufficientStatistics {
  p: number;
  count: number;
  shift: Float64Array;
  shiftY: number;
  sumX: Float64Array;
  sumY: number;
  xtx: Float64Array;
  xty: Float64Array;
  yty: number;
}

export interface StatisticsOptions {
  /** Row indices to include (repeats count again); default all rows. */
  rows?: ArrayLike<number>;
  /** Per-row weights over all of X's rows (e.g. bootstrap multiplicities); rows with weight 0 are skipped. */
  weights?: ArrayLike<number>;
  /** Column shift; default the unweighted mean of the rows used. Pass the same shift to combine statistics. */
  shift?: Float64Array;
  shiftY?: number;
}

/** Accumulates {@link SufficientStatistics} of (X, y) over the chosen rows in one pass: O(rows · p²/2). */
export function sufficientStatistics(
  X: Matrix,
  y: ArrayLike<number>,
  { rows, weights, shift, shiftY }: StatisticsOptions = {},
): SufficientStatistics {
  const p = X.cols;
  const xd = X.data;
  if (y.length !== X.rows) throw new RangeError(`X has ${X.rows} rows but y has ${y.length} values`);
  if (rows !== undefined && weights !== undefined) throw new TypeError("give rows or weights, not both");
  if (weights !== undefined && weights.length !== X.rows) {
    throw new RangeError(`weights has ${weights.length} values for ${X.rows} rows`);
  }
  const m = rows === undefined ? X.rows : rows.length;
  const rowAt = (t: number): number => (rows === undefined ? t : (rows[t] as number));

  let sx = shift;
  let sy = shiftY;
  if (sx === undefined || sy === undefined) {
    const mx = new Float64Array(p);
    let my = 0;
    let used = 0;
    for (let t = 0; t < m; t++) {
      const i = rowAt(t);
      if (weights !== undefined && weights[i] === 0) continue;
      used++;
      my += y[i] as number;
      for (let j = 0; j < p; j++) mx[j] = (mx[j] as number) + (xd[i * p + j] as number);
    }
    if (used > 0) {
      for (let j = 0; j < p; j++) mx[j] = (mx[j] as number) / used;
      my /= used;
    }
    sx ??= mx;
    sy ??= my;
  }
  if (sx.length !== p) throw new RangeError(`shift has ${sx.length} values for ${p} columns`);

  const stats: SufficientStatistics = {
    p,
    count: 0,
    shift: sx,
    shiftY: sy,
    sumX: new Float64Array(p),
    sumY: 0,
    xtx: new Float64Array(p * p),
    xty: new Float64Array(p),
    yty: 0,
  };
  accumulate(
    stats,
    xd,
    y instanceof Float64Array ? y : Float64Array.from(y),
    rows === undefined ? null : rows instanceof Int32Array ? rows : Int32Array.from(rows),
    weights === undefined ? null : weights instanceof Float64Array ? weights : Float64Array.from(weights),
  );
  return stats;
}

// Scratch for the gathered columns, grown as needed and reused between calls (single-threaded).
let scratchD = new Float64Array(0);
let scratchWD = new Float64Array(0);

/**
 * The hot loop, kept monomorphic (typed arrays only): gathers the used rows' shifted values d and weighted
 * values w·d column by column (zero-weight rows dropped), then forms every entry of xtx, xty and sumX as a
 * dot product over the gathered rows with four partial sums. Column dot products keep the accumulators in
 * registers, about 1.5× faster in V8 than rank-1 updates of xtx row by row.
 */
function accumulate(
  stats: SufficientStatistics,
  xd: Float64Array,
  y: Float64Array,
  rows: Int32Array | null,
  weights: Float64Array | null,
): void {
  const { p, shift, shiftY, sumX, xtx, xty } = stats;
  const total = rows === null ? y.length : rows.length;
  let m = 0;
  for (let t = 0; t < total; t++) {
    const i = rows === null ? t : (rows[t] as number);
    if (weights === null || weights[i] !== 0) m++;
  }
  const width = p + 1; // the p columns, then e = y − shiftY
  if (scratchD.length < m * width) {
    scratchD = new Float64Array(m * width);
    scratchWD = new Float64Array(m * width);
  }
  const D = scratchD;
  const WD = scratchWD;
  let count = 0;
  let r = 0;
  for (let t = 0; t < total; t++) {
    const i = rows === null ? t : (rows[t] as number);
    const w = weights === null ? 1 : (weights[i] as number);
    if (w === 0) continue;
    count += w;
    const base = i * p;
    for (let j = 0; j < p; j++) {
      const v = (xd[base + j] as number) - (shift[j] as number);
      D[j * m + r] = v;
      WD[j * m + r] = w * v;
    }
    const e = (y[i] as number) - shiftY;
    D[p * m + r] = e;
    WD[p * m + r] = w * e;
    r++;
  }
  for (let j = 0; j < p; j++) {
    for (let k = 0; k <= j; k++) {
      const v = dot(WD, j * m, D, k * m, m);
      xtx[j * p + k] = v;
      xtx[k * p + j] = v;
    }
    xty[j] = dot(WD, j * m, D, p * m, m);
    let s = 0;
    for (let t = j * m, end = j * m + m; t < end; t++) s += WD[t] as number;
    sumX[j] = s;
  }
  let sumY = 0;
  for (let t = p * m, end = p * m + m; t < end; t++) sumY += WD[t] as number;
  stats.count = count;
  stats.sumY = sumY;
  stats.yty = dot(WD, p * m, D, p * m, m);
}

function dot(a: Float64Array, ao: number, b: Float64Array, bo: number, m: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let t = 0;
  for (; t + 3 < m; t += 4) {
    s0 += (a[ao + t] as number) * (b[bo + t] as number);
    s1 += (a[ao + t + 1] as number) * (b[bo + t + 1] as number);
    s2 += (a[ao + t + 2] as number) * (b[bo + t + 2] as number);
    s3 += (a[ao + t + 3] as number) * (b[bo + t + 3] as number);
  }
  for (; t < m; t++) s0 += (a[ao + t] as number) * (b[bo + t] as number);
  return s0 + s1 + (s2 + s3);
}

/** a + sign · b, for statistics taken about the same shift. */
export function combineStatistics(
  a: SufficientStatistics,
  b: SufficientStatistics,
  sign: 1 | -1 = 1,
): SufficientStatistics {
  if (a.p !== b.p || a.shiftY !== b.shiftY || a.shift.some((v, j) => v !== b.shift[j])) {
    throw new RangeError("statistics must share p and the shift to be combined");
  }
  const lin = (u: Float64Array, v: Float64Array) => u.map((x, i) => x + sign * (v[i] as number));
  return {
    p: a.p,
    count: a.count + sign * b.count,
    shift: a.shift,
    shiftY: a.shiftY,
    sumX: lin(a.sumX, b.sumX),
    sumY: a.sumY + sign * b.sumY,
    xtx: lin(a.xtx, b.xtx),
    xty: lin(a.xty, b.xty),
    yty: a.yty + sign * b.yty,
  };
}

/**
 * The least-squares fit with intercept (sklearn's `LinearRegression`) on the columns `columns` (default all,
 * in that order), from sufficient statistics alone: the centred cross products are scaled to a correlation
 * matrix and solved by Cholesky with diagonal pivoting.
 *
 * Rank deficiency: a column whose centred sum of squares is below (eps · max(n, p))² of its raw sum of
 * squares counts as constant; pivoting stops when the largest remaining Schur-complement diagonal (a squared
 * singular-value ratio) is ≤ eps · max(n, p). Then, as {@link fitLinearRegression}, the minimum-norm solution
 * in original units is returned (what sklearn's `gelsd` gives). The normal equations square the condition
 * number, so this threshold is coarser than the QR path's: directions with singular-value ratio below
 * ≈ √(eps · n) count as null here. On well-conditioned data the two paths agree to rounding (see the tests).
 */
export function fitFromStatistics(
  stats: SufficientStatistics,
  columns: ArrayLike<number> = identity(stats.p),
): LinearModel {
  const q = columns.length;
  const p = stats.p;
  const n = stats.count;
  if (!(n > 0)) throw new RangeError("cannot fit a linear regression on no rows");
  const tol = Number.EPSILON * Math.max(n, q, 1);
  const cov = new Float64Array(q * q);
  const cy = new Float64Array(q);
  const scale = new Float64Array(q);
  for (let a = 0; a < q; a++) {
    const ja = columns[a] as number;
    const sa = stats.sumX[ja] as number;
    cy[a] = (stats.xty[ja] as number) - (sa * stats.sumY) / n;
    for (let b = 0; b <= a; b++) {
      const jb = columns[b] as number;
      const c = (stats.xtx[ja * p + jb] as number) - (sa * (stats.sumX[jb] as number)) / n;
      cov[a * q + b] = c;
      cov[b * q + a] = c;
    }
  }
  for (let a = 0; a < q; a++) {
    const ja = columns[a] as number;
    const c = cov[a * q + a] as number;
    const s = stats.shift[ja] as number;
    const raw = (stats.xtx[ja * p + ja] as number) + 2 * s * (stats.sumX[ja] as number) + n * s * s;
    scale[a] = c <= 0 || c <= tol * tol * raw ? 0 : Math.sqrt(c);
  }
  // Correlation matrix W (constant columns zeroed) and right-hand side g.
  const w = new Float64Array(q * q);
  const g = new Float64Array(q);
  for (let a = 0; a < q; a++) {
    const sa = scale[a] as number;
    if (sa === 0) continue;
    g[a] = (cy[a] as number) / sa;
    for (let b = 0; b < q; b++) {
      const sb = scale[b] as number;
      if (sb !== 0) w[a * q + b] = (cov[a * q + b] as number) / (sa * sb);
    }
  }

  // Pivoted Cholesky: W[perm, perm] ≈ L Lᵀ, L's first `rank` columns in W's lower triangle.
  const perm = new Int32Array(q);
  for (let a = 0; a < q; a++) perm[a] = a;
  let rank = 0;
  for (let k = 0; k < q; k++) {
    let best = k;
    for (let j = k + 1; j < q; j++) if ((w[j * q + j] as number) > (w[best * q + best] as number)) best = j;
    if (!((w[best * q + best] as number) > tol)) break;
    if (best !== k) swapSymmetric(w, q, k, best, perm);
    const lkk = Math.sqrt(w[k * q + k] as number);
    w[k * q + k] = lkk;
    for (let i = k + 1; i < q; i++) w[i * q + k] = (w[i * q + k] as number) / lkk;
    // Full (both triangles) Schur-complement update, so later symmetric swaps stay valid.
    for (let i = k + 1; i < q; i++) {
      const lik = w[i * q + k] as number;
      for (let m = k + 1; m < q; m++)
        w[i * q + m] = (w[i * q + m] as number) - lik * (w[m * q + k] as number);
    }
    rank = k + 1;
  }

  // Basic solution: L11 L11ᵀ z = g[perm[0:rank]].
  const z = new Float64Array(rank);
  for (let k = 0; k < rank; k++) z[k] = g[perm[k] as number] as number;
  forwardLower(w, q, rank, z);
  backLowerTransposed(w, q, rank, z);
  let coefficients: Float64Array = new Float64Array(q);
  for (let k = 0; k < rank; k++) {
    const a = perm[k] as number;
    coefficients[a] = (z[k] as number) / (scale[a] as number);
  }
  if (rank < q) {
    // Null space: for free position c, [−L11⁻ᵀ L21[c, :]ᵀ; e_c] in pivoted, scaled coordinates.
    const free = q - rank;
    const basis = new Float64Array(free * q);
    for (let c = rank; c < q; c++) {
      const v = new Float64Array(rank);
      for (let k = 0; k < rank; k++) v[k] = -(w[c * q + k] as number);
      backLowerTransposed(w, q, rank, v);
      const col = (c - rank) * q;
      for (let k = 0; k < rank; k++) {
        const a = perm[k] as number;
        basis[col + a] = (v[k] as number) / (scale[a] as number);
      }
      const a = perm[c] as number;
      const sa = scale[a] as number;
      basis[col + a] = sa === 0 ? 1 : 1 / sa;
    }
    coefficients = minimumNormSolution(coefficients, basis, free);
  }
  let intercept = stats.shiftY + stats.sumY / n;
  for (let a = 0; a < q; a++) {
    const ja = columns[a] as number;
    const mean = (stats.shift[ja] as number) + (stats.sumX[ja] as number) / n;
    intercept -= mean * (coefficients[a] as number);
  }
  return { intercept, coefficients, rank };
}

function identity(p: number): Int32Array {
  const out = new Int32Array(p);
  for (let j = 0; j < p; j++) out[j] = j;
  return out;
}

/** Swaps rows and columns k and j of the symmetric q × q matrix w (full storage), and perm[k], perm[j]. */
function swapSymmetric(w: Float64Array, q: number, k: number, j: number, perm: Int32Array): void {
  for (let c = 0; c < q; c++) {
    const t = w[k * q + c] as number;
    w[k * q + c] = w[j * q + c] as number;
    w[j * q + c] = t;
  }
  for (let r = 0; r < q; r++) {
    const t = w[r * q + k] as number;
    w[r * q + k] = w[r * q + j] as number;
    w[r * q + j] = t;
  }
  const t = perm[k] as number;
  perm[k] = perm[j] as number;
  perm[j] = t;
}

/** In place: x ← L⁻¹ x for L the leading m × m lower triangle of row-major q × q w. */
function forwardLower(w: Float64Array, q: number, m: number, x: Float64Array): void {
  for (let i = 0; i < m; i++) {
    let s = x[i] as number;
    for (let k = 0; k < i; k++) s -= (w[i * q + k] as number) * (x[k] as number);
    x[i] = s / (w[i * q + i] as number);
  }
}

/** In place: x ← L⁻ᵀ x for L the leading m × m lower triangle of row-major q × q w. */
function backLowerTransposed(w: Float64Array, q: number, m: number, x: Float64Array): void {
  for (let i = m - 1; i >= 0; i--) {
    let s = x[i] as number;
    for (let k = i + 1; k < m; k++) s -= (w[k * q + i] as number) * (x[k] as number);
    x[i] = s / (w[i * q + i] as number);
  }
}
