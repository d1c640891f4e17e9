import { sameLength } from "./labels.ts";

/** The mean of (yTrue − yPred)²: sklearn's `mean_squared_error`. */
export function meanSquaredError(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  const n = sameLength(yTrue, yPred, "yTrue and yPred");
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const d = (yTrue[i] as number) - (yPred[i] as number);
    sum += d * d;
  }
  return sum / n;
}

/** The square root of {@link meanSquaredError}: sklearn's `root_mean_squared_error`. */
export function rootMeanSquaredError(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  return Math.sqrt(meanSquaredError(yTrue, yPred));
}

/** The mean of |yTrue − yPred|: sklearn's `mean_absolute_error`. */
export function meanAbsoluteError(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  const n = sameLength(yTrue, yPred, "yTrue and yPred");
  let sum = 0;
  for (let i = 0; i < n; i++) sum += Math.abs((yTrue[i] as number) - (yPred[i] as number));
  return sum / n;
}

/**
 * The coefficient of determination 1 − SS_res / SS_tot: sklearn's `r2_score` (force_finite=True). When
 * yTrue is constant (SS_tot = 0) it is 1 for a perfect prediction and 0 otherwise; NaN for fewer than 2
 * samples, as sklearn.
 */
export function r2Score(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  const n = sameLength(yTrue, yPred, "yTrue and yPred");
  if (n < 2) return Number.NaN;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += yTrue[i] as number;
  mean /= n;
  let residual = 0;
  let total = 0;
  for (let i = 0; i < n; i++) {
    const y = yTrue[i] as number;
    const d = y - (yPred[i] as number);
    residual += d * d;
    total += (y - mean) * (y - mean);
  }
  if (total === 0) return residual === 0 ? 1 : 0;
  return 1 - residual / total;
}
