/**
 * The lower-triangular Cholesky factor L of a symmetric positive-definite d × d matrix (A = L·Lᵀ), row-major;
 * `scipy.linalg.cholesky(A, lower=True)`. Throws when a pivot is not positive (A not positive definite).
 */
export function cholesky(a: Float64Array, d: number): Float64Array {
  const L = new Float64Array(d * d);
  for (let j = 0; j < d; j++) {
    let diag = a[j * d + j] as number;
    for (let k = 0; k < j; k++) diag -= (L[j * d + k] as number) ** 2;
    if (!(diag > 0)) throw new RangeError(`matrix is not positive definite (pivot ${j} is ${diag})`);
    const ljj = Math.sqrt(diag);
    L[j * d + j] = ljj;
    for (let i = j + 1; i < d; i++) {
      let s = a[i * d + j] as number;
      for (let k = 0; k < j; k++) s -= (L[i * d + k] as number) * (L[j * d + k] as number);
      L[i * d + j] = s / ljj;
    }
  }
  return L;
}

/**
 * The inverse of a lower-triangular matrix, transposed: U = L⁻ᵀ, upper triangular, row-major. With L the
 * Cholesky factor of a covariance Σ this is sklearn's `precisions_cholesky_` (U·Uᵀ = Σ⁻¹), so that
 * (x − μ)ᵀ Σ⁻¹ (x − μ) = ‖(x − μ)ᵀ U‖².
 */
export function inverseTransposeLower(L: Float64Array, d: number): Float64Array {
  // Solve L·M = I column by column (M = L⁻¹, lower), then U = Mᵀ.
  const U = new Float64Array(d * d);
  for (let c = 0; c < d; c++) {
    for (let i = c; i < d; i++) {
      let s = i === c ? 1 : 0;
      for (let k = c; k < i; k++) s -= (L[i * d + k] as number) * (U[c * d + k] as number);
      // M[i][c] stored at U[c][i].
      U[c * d + i] = s / (L[i * d + i] as number);
    }
  }
  return U;
}
