import { checkLabels, type Labels, type Scores, scoreColumns } from "./labels.ts";

/**
 * The fraction of samples whose true class is among the k highest-scored classes: sklearn's
 * `top_k_accuracy_score(y_true, y_score, k=k, labels=range(K))` for K > 2 columns (this function applies
 * the same ranking rule for K = 2, where sklearn instead thresholds column 1).
 *
 * Ties follow sklearn, which ranks by a stable ascending argsort reversed: among equal scores the higher
 * class index ranks first. So the true class y is a hit when
 * #{j : s_j > s_y} + #{j > y : s_j = s_y} < k.
 */
export function topKAccuracy(yTrue: Labels, scores: Scores, k: number): number {
  const n = yTrue.length;
  const K = scoreColumns(scores, n);
  checkLabels(yTrue, K);
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`k must be a positive integer, got ${k}`);
  let hits = 0;
  for (let i = 0; i < n; i++) {
    const row = i * K;
    const y = yTrue[i] as number;
    const sy = scores[row + y] as number;
    let ahead = 0;
    for (let j = 0; j < K; j++) {
      const sj = scores[row + j] as number;
      if (sj > sy || (sj === sy && j > y)) ahead++;
    }
    if (ahead < k) hits++;
  }
  return hits / n;
}
