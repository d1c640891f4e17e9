import type { Matrix } from "../matrix.ts";
import { cholesky, inverseTransposeLower } from "./cholesky.ts";
import { fitKMeans } from "./kmeans.ts";

export interface GaussianMixtureOptions {
  nComponents: number;
  /** Convergence threshold on the change of the mean log-likelihood (sklearn `tol`, 1e-3). */
  tol?: number;
  /** Added to every covariance diagonal (sklearn `reg_covar`, 1e-6). */
  regCovar?: number;
  /** EM iterations (sklearn `max_iter`, 100). */
  maxIter?: number;
  /** Seed of the k-means that initialises the responsibilities (sklearn `random_state`). */
  seed?: number;
}

export interface GaussianMixtureFit {
  nComponents: number;
  nFeatures: number;
  /** Mixing weights (`weights_`). */
  weights: Float64Array;
  /** Row-major nComponents × d means (`means_`). */
  means: Matrix;
  /** nComponents full covariance matrices, each d × d row-major, back to back (`covariances_`). */
  covariances: Float64Array;
  /** Upper-triangular U with U·Uᵀ = Σ⁻¹ per component (`precisions_cholesky_`). */
  precisionsCholesky: Float64Array;
  /** Whether |Δ mean log-likelihood| < tol was reached (`converged_`). */
  converged: boolean;
  /** EM iterations run (`n_iter_`). */
  iterations: number;
  /** The mean log-likelihood after each iteration's E-step (sklearn's `lower_bound_` is the last). */
  lowerBounds: number[];
  /** Component of each training row after a final E-step (`fit_predict`'s labels). */
  labels: Int32Array;
}

const LOG_2PI = Math.log(2 * Math.PI);

/**
 * sklearn `GaussianMixture(n_components, covariance_type="full", tol, reg_covar, max_iter, n_init=1,
 * init_params="kmeans", random_state).fit(X)`: responsibilities start one-hot from
 * `KMeans(n_clusters=n_components, n_init=1, random_state)`; then EM — the E-step computes each row's log
 * responsibilities and the mean log-likelihood, the M-step the weights, means and regularised covariances —
 * until the mean log-likelihood changes by less than `tol`; a last E-step gives the labels.
 * O(n·K·d²) per iteration.
 */
export function fitGaussianMixture(X: Matrix, options: GaussianMixtureOptions): GaussianMixtureFit {
  const { rows: n, cols: d } = X;
  const K = options.nComponents;
  const tol = options.tol ?? 1e-3;
  const regCovar = options.regCovar ?? 1e-6;
  const maxIter = options.maxIter ?? 100;
  if (!Number.isInteger(K) || K < 1 || K > n)
    throw new RangeError(`nComponents must be in [1, ${n}], got ${K}`);

  const kmeans = fitKMeans(X, { nClusters: K, nInit: 1, seed: options.seed ?? 0 });
  const resp = new Float64Array(n * K);
  for (let i = 0; i < n; i++) resp[i * K + (kmeans.labels[i] as number)] = 1;
  let params = mStep(X, resp, K, regCovar);

  const lowerBounds: number[] = [];
  let lowerBound = Number.NEGATIVE_INFINITY;
  let converged = false;
  let iterations = 0;
  for (let it = 1; it <= maxIter; it++) {
    iterations = it;
    const previous = lowerBound;
    lowerBound = eStep(X, params, resp);
    params = mStep(X, resp, K, regCovar);
    lowerBounds.push(lowerBound);
    if (Math.abs(lowerBound - previous) < tol) {
      converged = true;
      break;
    }
  }
  const fitted: GaussianMixtureFit = {
    nComponents: K,
    nFeatures: d,
    ...params,
    converged,
    iterations,
    lowerBounds,
    labels: new Int32Array(n),
  };
  fitted.labels = gaussianMixturePredict(fitted, X);
  return fitted;
}

/** Most probable component of each row (sklearn `GaussianMixture.predict`). */
export function gaussianMixturePredict(fit: GaussianMixtureFit, X: Matrix): Int32Array {
  const K = fit.nComponents;
  const logProb = weightedLogProb(X, fit);
  const labels = new Int32Array(X.rows);
  for (let i = 0; i < X.rows; i++) {
    let best = 0;
    for (let k = 1; k < K; k++)
      if ((logProb[i * K + k] as number) > (logProb[i * K + best] as number)) best = k;
    labels[i] = best;
  }
  return labels;
}

/** Mean log-likelihood of the rows under the mixture (sklearn `GaussianMixture.score`). */
export function gaussianMixtureScore(fit: GaussianMixtureFit, X: Matrix): number {
  const K = fit.nComponents;
  const logProb = weightedLogProb(X, fit);
  let total = 0;
  for (let i = 0; i < X.rows; i++) total += logSumExp(logProb, i * K, K);
  return total / X.rows;
}

interface Parameters {
  weights: Float64Array;
  means: Matrix;
  covariances: Float64Array;
  precisionsCholesky: Float64Array;
}

/** log(w_k) + log N(x_i | μ_k, Σ_k) for every row and component, row-major n × K. */
function weightedLogProb(X: Matrix, p: Parameters): Float64Array {
  const { rows: n, cols: d, data } = X;
  const K = p.weights.length;
  const out = new Float64Array(n * K);
  const diff = new Float64Array(d);
  // Uᵀ, lower triangular, packed row by row: row j holds U[0..j][j], so each inner product reads memory in order.
  const packed = new Float64Array((d * (d + 1)) / 2);
  for (let k = 0; k < K; k++) {
    const U = p.precisionsCholesky.subarray(k * d * d, (k + 1) * d * d);
    let logDet = 0;
    let q = 0;
    for (let j = 0; j < d; j++) {
      logDet += Math.log(U[j * d + j] as number);
      for (let r = 0; r <= j; r++) packed[q++] = U[r * d + j] as number;
    }
    const constant = Math.log(p.weights[k] as number) - 0.5 * d * LOG_2PI + logDet;
    const mu = p.means.data.subarray(k * d, (k + 1) * d);
    for (let i = 0; i < n; i++) {
      for (let f = 0; f < d; f++) diff[f] = (data[i * d + f] as number) - (mu[f] as number);
      // ‖(x − μ)ᵀ U‖²: component j is Σ_{r ≤ j} (x − μ)_r U[r][j].
      let maha = 0;
      let o = 0;
      for (let j = 0; j < d; j++) {
        let s = 0;
        for (let r = 0; r <= j; r++) s += (diff[r] as number) * (packed[o + r] as number);
        o += j + 1;
        maha += s * s;
      }
      out[i * K + k] = constant - 0.5 * maha;
    }
  }
  return out;
}

function logSumExp(values: Float64Array, offset: number, length: number): number {
  let max = Number.NEGATIVE_INFINITY;
  for (let k = 0; k < length; k++) max = Math.max(max, values[offset + k] as number);
  if (max === Number.NEGATIVE_INFINITY) return max;
  let s = 0;
  for (let k = 0; k < length; k++) s += Math.exp((values[offset + k] as number) - max);
  return max + Math.log(s);
}

/** Writes the responsibilities into `resp` and returns the mean log-likelihood (sklearn `_e_step`). */
function eStep(X: Matrix, p: Parameters, resp: Float64Array): number {
  const K = p.weights.length;
  const logProb = weightedLogProb(X, p);
  let total = 0;
  for (let i = 0; i < X.rows; i++) {
    const norm = logSumExp(logProb, i * K, K);
    total += norm;
    for (let k = 0; k < K; k++) resp[i * K + k] = Math.exp((logProb[i * K + k] as number) - norm);
  }
  return total / X.rows;
}

/** Weights, means and covariances from responsibilities (sklearn `_estimate_gaussian_parameters`, "full"). */
function mStep(X: Matrix, resp: Float64Array, K: number, regCovar: number): Parameters {
  const { rows: n, cols: d, data } = X;
  const nk = new Float64Array(K);
  for (let i = 0; i < n; i++)
    for (let k = 0; k < K; k++) nk[k] = (nk[k] as number) + (resp[i * K + k] as number);
  // sklearn adds 10·ε so that an empty component does not divide by zero.
  for (let k = 0; k < K; k++) nk[k] = (nk[k] as number) + 10 * Number.EPSILON;
  const means = new Float64Array(K * d);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < K; k++) {
      const r = resp[i * K + k] as number;
      if (r === 0) continue;
      for (let f = 0; f < d; f++)
        means[k * d + f] = (means[k * d + f] as number) + r * (data[i * d + f] as number);
    }
  }
  for (let k = 0; k < K; k++)
    for (let f = 0; f < d; f++) means[k * d + f] = (means[k * d + f] as number) / (nk[k] as number);

  const covariances = new Float64Array(K * d * d);
  const precisionsCholesky = new Float64Array(K * d * d);
  const diff = new Float64Array(d);
  for (let k = 0; k < K; k++) {
    const cov = covariances.subarray(k * d * d, (k + 1) * d * d);
    for (let i = 0; i < n; i++) {
      const r = resp[i * K + k] as number;
      if (r === 0) continue; // adds exactly nothing
      for (let f = 0; f < d; f++) diff[f] = (data[i * d + f] as number) - (means[k * d + f] as number);
      for (let a = 0; a < d; a++) {
        const ra = r * (diff[a] as number);
        const row = a * d;
        for (let b = a; b < d; b++) cov[row + b] = (cov[row + b] as number) + ra * (diff[b] as number);
      }
    }
    for (let a = 0; a < d; a++) {
      for (let b = a; b < d; b++) {
        const v = (cov[a * d + b] as number) / (nk[k] as number) + (a === b ? regCovar : 0);
        cov[a * d + b] = v;
        cov[b * d + a] = v;
      }
    }
    let L: Float64Array;
    try {
      L = cholesky(cov, d);
    } catch {
      throw new RangeError(
        "Fitting the mixture model failed because some components have ill-defined empirical covariance " +
          "(for instance caused by singleton or collapsed samples). Try to decrease the number of components, " +
          "or increase reg_covar.",
      );
    }
    precisionsCholesky.set(inverseTransposeLower(L, d), k * d * d);
  }
  const weights = new Float64Array(K);
  let total = 0;
  for (const v of nk) total += v;
  for (let k = 0; k < K; k++) weights[k] = (nk[k] as number) / total;
  return { weights, means: { data: means, rows: K, cols: d }, covariances, precisionsCholesky };
}
