/**
 * Eigenvalues and eigenvectors of a small dense symmetric matrix by the cyclic Jacobi method (what
 * `numpy.linalg.eigh` returns, up to the order and the signs of the vectors). Each sweep zeroes every
 * off-diagonal entry once with a plane rotation; sweeps repeat until the off-diagonal mass is negligible.
 * O(d³) per sweep, a handful of sweeps: instant for the d ≈ 34 covariance matrices of this project, and
 * accurate to a few ulps (Jacobi is the most accurate symmetric eigensolver).
 */
export interface SymmetricEigen {
  /** Eigenvalues, descending. */
  values: Float64Array;
  /** Eigenvectors as the rows of a row-major d × d array, in the order of `values`; each has unit length. */
  vectors: Float64Array;
}

/** @param a row-major d × d symmetric matrix (only read; the upper triangle is trusted). */
export function symmetricEigen(a: Float64Array, d: number, maxSweeps = 100): SymmetricEigen {
  if (a.length !== d * d) throw new RangeError(`expected ${d}×${d} values, got ${a.length}`);
  const m = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    for (let j = i; j < d; j++) {
      const v = a[i * d + j] as number;
      m[i * d + j] = v;
      m[j * d + i] = v;
    }
  }
  // v: columns are the eigenvectors being accumulated.
  const v = new Float64Array(d * d);
  for (let i = 0; i < d; i++) v[i * d + i] = 1;
  let scale = 0;
  for (let i = 0; i < d * d; i++) scale += (m[i] as number) ** 2;
  for (let sweep = 0; sweep < maxSweeps; sweep++) {
    let off = 0;
    for (let p = 0; p < d; p++) for (let q = p + 1; q < d; q++) off += (m[p * d + q] as number) ** 2;
    if (off <= 1e-30 * scale || off === 0) break;
    for (let p = 0; p < d - 1; p++) {
      for (let q = p + 1; q < d; q++) {
        const apq = m[p * d + q] as number;
        if (apq === 0) continue;
        const app = m[p * d + p] as number;
        const aqq = m[q * d + q] as number;
        // Rotation angle: tan(2θ) = 2 a_pq / (a_qq − a_pp), t = tan θ the smaller root (Numerical Recipes §11.1).
        const theta = (aqq - app) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < d; k++) {
          const mkp = m[k * d + p] as number;
          const mkq = m[k * d + q] as number;
          m[k * d + p] = c * mkp - s * mkq;
          m[k * d + q] = s * mkp + c * mkq;
        }
        for (let k = 0; k < d; k++) {
          const mpk = m[p * d + k] as number;
          const mqk = m[q * d + k] as number;
          m[p * d + k] = c * mpk - s * mqk;
          m[q * d + k] = s * mpk + c * mqk;
        }
        m[p * d + q] = 0;
        m[q * d + p] = 0;
        for (let k = 0; k < d; k++) {
          const vkp = v[k * d + p] as number;
          const vkq = v[k * d + q] as number;
          v[k * d + p] = c * vkp - s * vkq;
          v[k * d + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const order = Array.from({ length: d }, (_, i) => i).sort(
    (i, j) => (m[j * d + j] as number) - (m[i * d + i] as number) || i - j,
  );
  const values = new Float64Array(d);
  const vectors = new Float64Array(d * d);
  order.forEach((col, r) => {
    values[r] = m[col * d + col] as number;
    for (let k = 0; k < d; k++) vectors[r * d + k] = v[k * d + col] as number;
  });
  return { values, vectors };
}
