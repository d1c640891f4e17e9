/**
 * The multinomial (softmax) log-loss that gradient boosting minimises, in the form scikit-learn's
 * `HistGradientBoostingClassifier` uses (`HalfMultinomialLoss`): raw scores are class-major
 * (`raw[k * n + i]`), the gradient of row i for class k is pₖ − [yᵢ = k] and its hessian pₖ(1 − pₖ).
 */

/**
 * The constant raw score every row starts from: the log of each class's share of the training labels, centred
 * (sklearn's `fit_intercept_only` through the symmetric multinomial logit). Shares are clipped to [ε, 1 − ε]
 * so a class absent from training gets a large negative score instead of −∞.
 */
export function baselineScores(y: Int32Array, nClasses: number): Float64Array {
  const counts = new Float64Array(nClasses);
  for (let i = 0; i < y.length; i++) counts[y[i] as number] = (counts[y[i] as number] as number) + 1;
  const eps = Number.EPSILON;
  const out = new Float64Array(nClasses);
  let mean = 0;
  for (let k = 0; k < nClasses; k++) {
    const share = Math.min(1 - eps, Math.max(eps, (counts[k] as number) / y.length));
    out[k] = Math.log(share);
    mean += out[k] as number;
  }
  mean /= nClasses;
  for (let k = 0; k < nClasses; k++) out[k] = (out[k] as number) - mean;
  return out;
}

/** Softmax of row i of class-major raw scores into `p` (length K). */
function softmaxRow(raw: Float64Array, n: number, i: number, K: number, p: Float64Array): void {
  let max = Number.NEGATIVE_INFINITY;
  for (let k = 0; k < K; k++) {
    const v = raw[k * n + i] as number;
    if (v > max) max = v;
  }
  let sum = 0;
  for (let k = 0; k < K; k++) {
    const e = Math.exp((raw[k * n + i] as number) - max);
    p[k] = e;
    sum += e;
  }
  for (let k = 0; k < K; k++) p[k] = (p[k] as number) / sum;
}

/**
 * Gradients and hessians (class-major, float32 as sklearn keeps them) of every class for rows start..end−1, from
 * the raw scores of `y.length` rows. Threads split the rows between them: each row's softmax is computed once,
 * and the values do not depend on how the rows are split.
 */
export function softmaxGradients(
  raw: Float64Array,
  y: Int32Array,
  K: number,
  gradients: Float32Array,
  hessians: Float32Array,
  start = 0,
  end = y.length,
): void {
  const n = y.length;
  const p = new Float64Array(K);
  for (let i = start; i < end; i++) {
    softmaxRow(raw, n, i, K, p);
    const label = y[i] as number;
    for (let k = 0; k < K; k++) {
      const pk = p[k] as number;
      gradients[k * n + i] = k === label ? pk - 1 : pk;
      hessians[k * n + i] = pk * (1 - pk);
    }
  }
}

/** Mean log-loss of class-major raw scores of `y.length` rows. */
export function softmaxLogLoss(raw: Float64Array, y: Int32Array, K: number): number {
  const n = y.length;
  let total = 0;
  for (let i = 0; i < n; i++) {
    let max = Number.NEGATIVE_INFINITY;
    for (let k = 0; k < K; k++) {
      const v = raw[k * n + i] as number;
      if (v > max) max = v;
    }
    let sum = 0;
    for (let k = 0; k < K; k++) sum += Math.exp((raw[k * n + i] as number) - max);
    total += max + Math.log(sum) - (raw[(y[i] as number) * n + i] as number);
  }
  return total / n;
}

/** Row-major probabilities (n × K, as every classifier here returns them) from class-major raw scores. */
export function probabilitiesOf(raw: Float64Array, n: number, K: number): Float64Array {
  const out = new Float64Array(n * K);
  const p = new Float64Array(K);
  for (let i = 0; i < n; i++) {
    softmaxRow(raw, n, i, K, p);
    out.set(p, i * K);
  }
  return out;
}
