import type { Fold } from "./folds.ts";
import { meanStd } from "./mean-std.ts";

export interface CrossValidation {
  /** One score per fold, in fold order. */
  scores: Float64Array;
  mean: number;
  /** Population standard deviation (numpy's default ddof=0, as reported by `cross_val_score(...).std()`). */
  std: number;
}

/**
 * Fits and scores once per fold, like sklearn's `cross_val_score` with the splitter's folds: `fitScore`
 * trains on `fold.train` and returns its score on `fold.test`.
 */
export function crossValidate(
  folds: Iterable<Fold>,
  fitScore: (fold: Fold, index: number) => number,
): CrossValidation {
  const values: number[] = [];
  for (const fold of folds) values.push(fitScore(fold, values.length));
  const scores = Float64Array.from(values);
  const { mean, std } = meanStd(scores);
  return { scores, mean, std };
}
