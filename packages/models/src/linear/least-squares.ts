import type { Matrix } from "../matrix.ts";
import { minimumNormSolution } from "./min-norm.ts";

/** A fitted affine model ŷ = intercept + Σ_j coefficients[j] · x_j. */
export interface LinearModel {
  intercept: number;
  coefficients: Float64Array;
  /** Numerical rank of the centred design (≤ the number of columns); below it, see {@link fitLinearRegression}. */
  rank: number;
}

/** Relative rank threshold: numpy's `lstsq` default rcond, eps · max(n, p). */
export function rankTolerance(n: number, p: number): number {
  return Number.EPSILON * Math.max(n, p, 1);
}

/**
 * Ordinary least squares with an intercept: sklearn's `LinearRegression()` (fit_intercept=True).
 *
 * As sklearn, X and y are centred on their means, the slopes solve the centred least-squares problem and
 * intercept = ȳ − x̄·β. The centred problem is solved by Householder QR with column pivoting (LAPACK's
 * `geqp3` scheme) on columns scaled to unit norm — no normal equations, so the conditioning is not squared.
 *
 * Rank deficiency (collinear columns, constant columns such as PolynomialFeatures' bias column): the rank is
 * the number of pivots with |R_kk| > eps · max(n, p) · |R_00| (numpy's default rcond); a column whose centred
 * norm is below that fraction of its raw norm counts as constant. The basic solution (free variables zero)
 * is then moved to the minimum-norm solution in the original units, which is what sklearn returns (it calls
 * scipy's `lstsq`, LAPACK `gelsd`): e.g. two identical columns share the coefficient equally and a constant
 * column gets 0. Fitted values and predictions inside the span do not depend on this choice.
 */
export function fitLinearRegression(X: Matrix, y: ArrayLike<number>): LinearModel {
  const n = X.rows;
  const p = X.cols;
  if (y.length !== n) throw new RangeError(`X has ${n} rows but y has ${y.length} values`);
  if (n < 1) throw new RangeError("cannot fit a linear regression on no rows");
  const tol = rankTolerance(n, p);
  const xd = X.data;

  const xMean = new Float64Array(p);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < p; j++) xMean[j] = (xMean[j] as number) + (xd[i * p + j] as number);
  }
  for (let j = 0; j < p; j++) xMean[j] = (xMean[j] as number) / n;
  let yMean = 0;
  for (let i = 0; i < n; i++) yMean += y[i] as number;
  yMean /= n;

  // Column-major centred, unit-norm copy (a[j * n + i]) and its scales.
  const a = new Float64Array(n * p);
  const scale = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    const m = xMean[j] as number;
    let raw = 0;
    let centred = 0;
    for (let i = 0; i < n; i++) {
      const v = xd[i * p + j] as number;
      const c = v - m;
      a[j * n + i] = c;
      raw += v * v;
      centred += c * c;
    }
    if (centred === 0 || centred <= tol * tol * raw) {
      a.fill(0, j * n, j * n + n);
      scale[j] = 1;
    } else {
      const s = Math.sqrt(centred);
      scale[j] = s;
      for (let i = 0; i < n; i++) a[j * n + i] = (a[j * n + i] as number) / s;
    }
  }
  const qy = new Float64Array(n);
  for (let i = 0; i < n; i++) qy[i] = (y[i] as number) - yMean;

  const { r, perm, steps } = householderQr(a, n, p, qy);
  let rank = 0;
  const r00 = steps > 0 ? Math.abs(r[0] as number) : 0;
  while (rank < steps && Math.abs(r[rank * p + rank] as number) > tol * r00) rank++;

  // Basic solution z of R11 z = (Qᵀy)[0:rank], in pivoted, scaled coordinates.
  const z = backSubstitute(r, p, rank, qy.subarray(0, rank));
  let coefficients: Float64Array = new Float64Array(p);
  for (let k = 0; k < rank; k++) {
    const j = perm[k] as number;
    coefficients[j] = (z[k] as number) / (scale[j] as number);
  }
  if (rank < p) {
    // Null space in pivoted coordinates: column c ≥ rank gives [−R11⁻¹ R12[:, c]; e_c]; mapped to original units.
    const free = p - rank;
    const basis = new Float64Array(free * p);
    for (let c = rank; c < p; c++) {
      const rhs = new Float64Array(rank);
      for (let k = 0; k < rank; k++) rhs[k] = -(r[k * p + c] as number);
      const w = backSubstitute(r, p, rank, rhs);
      const col = (c - rank) * p;
      for (let k = 0; k < rank; k++) {
        const j = perm[k] as number;
        basis[col + j] = (w[k] as number) / (scale[j] as number);
      }
      const j = perm[c] as number;
      basis[col + j] = 1 / (scale[j] as number);
    }
    coefficients = minimumNormSolution(coefficients, basis, free);
  }
  let intercept = yMean;
  for (let j = 0; j < p; j++) intercept -= (xMean[j] as number) * (coefficients[j] as number);
  return { intercept, coefficients, rank };
}

/** ŷ = intercept + X β for each row of X: sklearn's `LinearRegression.predict`. */
export function predictLinearRegression(model: LinearModel, X: Matrix): Float64Array {
  const p = model.coefficients.length;
  if (X.cols !== p) throw new RangeError(`model has ${p} coefficients but X has ${X.cols} columns`);
  const out = new Float64Array(X.rows);
  const b = model.coefficients;
  const d = X.data;
  for (let i = 0; i < X.rows; i++) {
    let s = model.intercept;
    for (let j = 0; j < p; j++) s += (b[j] as number) * (d[i * p + j] as number);
    out[i] = s;
  }
  return out;
}

/**
 * In-place Householder QR with column pivoting of the column-major n × p matrix `a`, applying Qᵀ to `y` as
 * it goes. Returns R (p × p row-major, upper part of the first `steps` rows filled), the column permutation
 * (R's column k is the input's column perm[k]) and the number of reflections taken.
 */
function householderQr(
  a: Float64Array,
  n: number,
  p: number,
  y: Float64Array,
): { r: Float64Array; perm: Int32Array; steps: number } {
  const r = new Float64Array(p * p);
  const perm = new Int32Array(p);
  for (let j = 0; j < p; j++) perm[j] = j;
  const limit = Math.min(n, p);
  let steps = 0;
  // Partial column norms below the current row, downdated after each reflection and recomputed when
  // cancellation makes the downdate unreliable (LAPACK's dlaqp2 rule with threshold √eps).
  const vn1 = new Float64Array(p);
  const vn2 = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    vn1[j] = columnNorm(a, n, j, 0);
    vn2[j] = vn1[j] as number;
  }
  for (let k = 0; k < limit; k++) {
    let best = k;
    for (let j = k + 1; j < p; j++) if ((vn1[j] as number) > (vn1[best] as number)) best = j;
    if (best !== k) {
      const tmp = a.slice(k * n, k * n + n);
      a.copyWithin(k * n, best * n, best * n + n);
      a.set(tmp, best * n);
      const t = perm[k] as number;
      perm[k] = perm[best] as number;
      perm[best] = t;
      for (let i = 0; i < k; i++) {
        const u = r[i * p + k] as number;
        r[i * p + k] = r[i * p + best] as number;
        r[i * p + best] = u;
      }
      vn1[best] = vn1[k] as number;
      vn2[best] = vn2[k] as number;
    }
    const bestNorm = columnNorm(a, n, k, k) ** 2;
    steps = k + 1;
    const norm = Math.sqrt(bestNorm);
    if (norm === 0) {
      // Every remaining column is zero: R's trailing block is zero.
      steps = k;
      break;
    }
    const head = a[k * n + k] as number;
    const alpha = head > 0 ? -norm : norm;
    const v0 = head - alpha;
    a[k * n + k] = v0;
    // vᵀv = ‖x‖² − head² + v0² = 2‖x‖² − 2·head·alpha… computed as −2·alpha·v0 to keep full accuracy.
    const vtv = -2 * alpha * v0;
    r[k * p + k] = alpha;
    for (let j = k + 1; j < p; j++) {
      let s = 0;
      for (let i = k; i < n; i++) s += (a[k * n + i] as number) * (a[j * n + i] as number);
      const f = (2 * s) / vtv;
      for (let i = k; i < n; i++) a[j * n + i] = (a[j * n + i] as number) - f * (a[k * n + i] as number);
      const rkj = a[j * n + k] as number;
      r[k * p + j] = rkj;
      const v1 = vn1[j] as number;
      if (v1 !== 0) {
        const ratio = Math.abs(rkj) / v1;
        const temp = Math.max(0, 1 - ratio * ratio);
        const temp2 = temp * (v1 / (vn2[j] as number)) ** 2;
        if (temp2 <= SQRT_EPS) {
          vn1[j] = columnNorm(a, n, j, k + 1);
          vn2[j] = vn1[j] as number;
        } else {
          vn1[j] = v1 * Math.sqrt(temp);
        }
      }
    }
    let s = 0;
    for (let i = k; i < n; i++) s += (a[k * n + i] as number) * (y[i] as number);
    const f = (2 * s) / vtv;
    for (let i = k; i < n; i++) y[i] = (y[i] as number) - f * (a[k * n + i] as number);
  }
  return { r, perm, steps };
}

const SQRT_EPS = Math.sqrt(Number.EPSILON);

/** The Euclidean norm of column j of column-major n-row `a`, from row `from` down. */
function columnNorm(a: Float64Array, n: number, j: number, from: number): number {
  let s = 0;
  for (let i = from; i < n; i++) s += (a[j * n + i] as number) ** 2;
  return Math.sqrt(s);
}

/** Solves R[0:m, 0:m] z = rhs for the upper-triangular leading block of row-major p × p R. */
function backSubstitute(r: Float64Array, p: number, m: number, rhs: ArrayLike<number>): Float64Array {
  const z = new Float64Array(m);
  for (let k = m - 1; k >= 0; k--) {
    let s = rhs[k] as number;
    for (let j = k + 1; j < m; j++) s -= (r[k * p + j] as number) * (z[j] as number);
    z[k] = s / (r[k * p + k] as number);
  }
  return z;
}
