import { checkLabels, type Labels, type Scores, scoreColumns } from "./labels.ts";

/**
 * The fraction of samples whose true class is among the k highest-scored classes: sklearn's
 * `top_k_accuracy_score(y_true, y_score, k=k, labels=range(K))` for K > 2 columns, up to ties (below) (this function applies
 * the same ranking rule for K = 2, where sklearn instead thresholds column 1).
 *
 * Ties follow the one argmax rule of the whole project (`argmaxRows`, numpy's `argmax`, sklearn's `predict`):
 * among equal scores the lower class index ranks first, so top-1 accuracy is exactly the accuracy of the
 * predicted labels. (sklearn's `top_k_accuracy_score` ranks ties the other way, by a reversed stable argsort,
 * so on tied rows its top-1 can differ from its own `accuracy_score`; the report shows one number.) The true
 * class y is a hit when #{j : s_j > s_y} + #{j < y : s_j = s_y} < k.
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
      if (sj > sy || (sj === sy && j < y)) ahead++;
    }
    if (ahead < k) hits++;
  }
  return hits / n;
}
