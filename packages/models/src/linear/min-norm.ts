/**
 * The minimum-norm member of an affine solution set { basic + N t }: basic − N (NᵀN)⁻¹ Nᵀ basic, where the
 * columns of `nullBasis` (p × k, column-major: column c is `nullBasis[c * p ... c * p + p)`) span the null
 * space. This is how a rank-deficient least-squares problem, solved first for a basic solution (free
 * variables zero), is brought to the minimum-norm solution that LAPACK's `gelsd` (behind sklearn's
 * `LinearRegression`) returns. NᵀN is positive definite for a basis, so it is solved by Cholesky.
 */
export function minimumNormSolution(basic: Float64Array, nullBasis: Float64Array, k: number): Float64Array {
  const p = basic.length;
  if (k === 0) return basic;
  const gram = new Float64Array(k * k);
  const rhs = new Float64Array(k);
  for (let a = 0; a < k; a++) {
    let s = 0;
    for (let i = 0; i < p; i++) s += (nullBasis[a * p + i] as number) * (basic[i] as number);
    rhs[a] = s;
    for (let b = 0; b <= a; b++) {
      let g = 0;
      for (let i = 0; i < p; i++) g += (nullBasis[a * p + i] as number) * (nullBasis[b * p + i] as number);
      gram[a * k + b] = g;
      gram[b * k + a] = g;
    }
  }
  const t = choleskySolve(gram, rhs, k);
  const out = Float64Array.from(basic);
  for (let a = 0; a < k; a++) {
    const ta = t[a] as number;
    for (let i = 0; i < p; i++) out[i] = (out[i] as number) - (nullBasis[a * p + i] as number) * ta;
  }
  return out;
}

/** Solves A x = b for a symmetric positive-definite k × k row-major A by Cholesky (A is not modified). */
export function choleskySolve(a: Float64Array, b: Float64Array, k: number): Float64Array {
  const l = new Float64Array(k * k);
  for (let j = 0; j < k; j++) {
    let d = a[j * k + j] as number;
    for (let m = 0; m < j; m++) d -= (l[j * k + m] as number) ** 2;
    if (!(d > 0)) throw new RangeError("matrix is not positive definite");
    const ljj = Math.sqrt(d);
    l[j * k + j] = ljj;
    for (let i = j + 1; i < k; i++) {
      let s = a[i * k + j] as number;
      for (let m = 0; m < j; m++) s -= (l[i * k + m] as number) * (l[j * k + m] as number);
      l[i * k + j] = s / ljj;
    }
  }
  const x = Float64Array.from(b);
  for (let i = 0; i < k; i++) {
    let s = x[i] as number;
    for (let m = 0; m < i; m++) s -= (l[i * k + m] as number) * (x[m] as number);
    x[i] = s / (l[i * k + i] as number);
  }
  for (let i = k - 1; i >= 0; i--) {
    let s = x[i] as number;
    for (let m = i + 1; m < k; m++) s -= (l[m * k + i] as number) * (x[m] as number);
    x[i] = s / (l[i * k + i] as number);
  }
  return x;
}
