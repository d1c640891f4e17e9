import { checkLabels, type Labels, type Scores, scoreColumns } from "./labels.ts";

export interface LogLossOptions {
  /**
   * Probabilities are clipped to [eps, 1 − eps] before the logarithm. Default: the machine epsilon of the
   * input's type, as sklearn's `np.finfo(y_pred.dtype).eps` (2^-52 for Float64Array, 2^-23 for Float32Array).
   */
  eps?: number;
}

/**
 * Mean multiclass cross-entropy −(1/n) Σ log p[i, y_i] of an n × K probability matrix: sklearn ≥ 1.5's
 * `log_loss(y_true, y_pred, labels=range(K))`. Rows are clipped but not renormalised (sklearn 1.2–1.4
 * divided each clipped row by its sum, which changes nothing when rows sum to 1 and nothing is clipped).
 */
export function logLoss(yTrue: Labels, probabilities: Scores, { eps }: LogLossOptions = {}): number {
  const n = yTrue.length;
  const k = scoreColumns(probabilities, n);
  checkLabels(yTrue, k);
  const e = eps ?? (probabilities instanceof Float32Array ? 2 ** -23 : Number.EPSILON);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const p = probabilities[i * k + (yTrue[i] as number)] as number;
    sum -= Math.log(Math.min(Math.max(p, e), 1 - e));
  }
  return sum / n;
}
