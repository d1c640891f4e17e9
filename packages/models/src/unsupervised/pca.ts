import type { Matrix } from "../matrix.ts";
import { symmetricEigen } from "./symmetric-eigen.ts";

export interface PcaOptions {
  /** Components kept (sklearn `n_components`); default all min(n, d). */
  nComponents?: number;
  /**
   * sklearn's `svd_flip` sign rule. "components" (sklearn ≥ 1.5, `u_based_decision=False`): the entry of
   * largest magnitude in each component (row of `components_`) is positive. "scores" (sklearn ≤ 1.4,
   * `u_based_decision=True`): the largest-magnitude score (column of U, i.e. of the transformed training data)
   * is positive. Default "components".
   */
  signConvention?: "components" | "scores";
}

/** A fitted PCA, with sklearn's attribute names in camelCase. */
export interface Pca {
  nComponents: number;
  nFeatures: number;
  nSamples: number;
  /** Per-feature mean of the training data (`mean_`). */
  mean: Float64Array;
  /** Row-major nComponents × nFeatures principal axes (`components_`), unit length, by decreasing variance. */
  components: Matrix;
  /** Variance along each component with the n − 1 denominator (`explained_variance_`). */
  explainedVariance: Float64Array;
  /** Each component's share of the total variance of all features (`explained_variance_ratio_`). */
  explainedVarianceRatio: Float64Array;
  /** √((n − 1) · explained variance) (`singular_values_`). */
  singularValues: Float64Array;
  /** Mean of the discarded eigenvalues (`noise_variance_`; 0 when every component is kept). */
  noiseVariance: number;
}

/**
 * sklearn `PCA(n_components, svd_solver="covariance_eigh")` without whitening: the data are centred, the
 * d × d covariance matrix (1 / (n − 1) normalisation) is formed in one pass and diagonalised (Jacobi), and the
 * eigenvectors of the largest eigenvalues are the components. This equals the SVD of the centred data
 * (`svd_solver="full"`): the right singular vectors are the covariance's eigenvectors and the squared singular
 * values (n − 1) times its eigenvalues. For the tall, narrow tables here (68,000 × 34) it costs one O(n·d²)
 * pass instead of an SVD of the whole table. Signs follow sklearn's `svd_flip` (see `signConvention`).
 */
export function fitPca(X: Matrix, options: PcaOptions = {}): Pca {
  const { rows: n, cols: d, data } = X;
  if (n < 2) throw new RangeError(`PCA needs at least 2 rows, got ${n}`);
  const k = options.nComponents ?? Math.min(n, d);
  if (!Number.isInteger(k) || k < 1 || k > Math.min(n, d)) {
    throw new RangeError(`nComponents must be an integer in [1, ${Math.min(n, d)}], got ${k}`);
  }
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < d; j++) mean[j] = (mean[j] as number) + (data[i * d + j] as number);
  for (let j = 0; j < d; j++) mean[j] = (mean[j] as number) / n;

  // Upper triangle of the scatter matrix Σ (x − μ)(x − μ)ᵀ.
  const cov = new Float64Array(d * d);
  const centred = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) centred[j] = (data[i * d + j] as number) - (mean[j] as number);
    for (let a = 0; a < d; a++) {
      const ca = centred[a] as number;
      if (ca === 0) continue;
      const row = a * d;
      for (let b = a; b < d; b++) cov[row + b] = (cov[row + b] as number) + ca * (centred[b] as number);
    }
  }
  for (let a = 0; a < d; a++) {
    for (let b = a; b < d; b++) {
      const v = (cov[a * d + b] as number) / (n - 1);
      cov[a * d + b] = v;
      cov[b * d + a] = v;
    }
  }
  const { values, vectors } = symmetricEigen(cov, d);
  // Round-off can leave tiny negative eigenvalues where the covariance is singular; sklearn clips them to 0.
  for (let j = 0; j < d; j++) values[j] = Math.max(values[j] as number, 0);
  let total = 0;
  for (const v of values) total += v;

  const components = new Float64Array(k * d);
  components.set(vectors.subarray(0, k * d));
  const explainedVariance = values.slice(0, k);
  const explainedVarianceRatio = explainedVariance.map((v) => (total > 0 ? v / total : 0));
  const singularValues = explainedVariance.map((v) => Math.sqrt(v * (n - 1)));
  let noiseVariance = 0;
  if (k < Math.min(n, d)) {
    for (let j = k; j < Math.min(n, d); j++) noiseVariance += values[j] as number;
    noiseVariance /= Math.min(n, d) - k;
  }
  const pca: Pca = {
    nComponents: k,
    nFeatures: d,
    nSamples: n,
    mean,
    components: { data: components, rows: k, cols: d },
    explainedVariance,
    explainedVarianceRatio,
    singularValues,
    noiseVariance,
  };
  if ((options.signConvention ?? "components") === "components") flipByComponents(pca);
  else flipByScores(pca, X);
  return pca;
}

/** Projects rows onto the components: (X − mean) · componentsᵀ (sklearn `PCA.transform`, no whitening). */
export function pcaTransform(pca: Pca, X: Matrix, nComponents = pca.nComponents): Matrix {
  const { rows: n, cols: d, data } = X;
  if (d !== pca.nFeatures) throw new RangeError(`X has ${d} columns, the PCA ${pca.nFeatures}`);
  if (nComponents > pca.nComponents) throw new RangeError(`only ${pca.nComponents} components were fitted`);
  const k = nComponents;
  const W = pca.components.data;
  const out = new Float64Array(n * k);
  const centred = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) centred[j] = (data[i * d + j] as number) - (pca.mean[j] as number);
    for (let c = 0; c < k; c++) {
      let s = 0;
      const row = c * d;
      for (let j = 0; j < d; j++) s += (centred[j] as number) * (W[row + j] as number);
      out[i * k + c] = s;
    }
  }
  return { data: out, rows: n, cols: k };
}

function negateComponent(pca: Pca, c: number): void {
  const { data, cols } = pca.components;
  for (let j = 0; j < cols; j++) data[c * cols + j] = -(data[c * cols + j] as number);
}

/** `svd_flip(u_based_decision=False)`: the largest |entry| of each component (first on ties) is positive. */
function flipByComponents(pca: Pca): void {
  const { data, rows, cols } = pca.components;
  for (let c = 0; c < rows; c++) {
    let best = 0;
    for (let j = 1; j < cols; j++) {
      if (Math.abs(data[c * cols + j] as number) > Math.abs(data[c * cols + best] as number)) best = j;
    }
    if ((data[c * cols + best] as number) < 0) negateComponent(pca, c);
  }
}

/** `svd_flip(u_based_decision=True)`: the largest |score| of each component over the training rows is positive. */
function flipByScores(pca: Pca, X: Matrix): void {
  const scores = pcaTransform(pca, X);
  const k = pca.nComponents;
  for (let c = 0; c < k; c++) {
    let best = 0;
    for (let i = 1; i < scores.rows; i++) {
      if (Math.abs(scores.data[i * k + c] as number) > Math.abs(scores.data[best * k + c] as number))
        best = i;
    }
    if ((scores.data[best * k + c] as number) < 0) negateComponent(pca, c);
  }
}
