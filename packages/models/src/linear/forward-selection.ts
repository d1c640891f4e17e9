import type { Matrix } from "../matrix.ts";
import { crossValidate } from "../metrics/cross-validate.ts";
import { type Fold, kFold } from "../metrics/folds.ts";
import { r2Score } from "../metrics/regression.ts";
import {
  combineStatistics,
  fitFromStatistics,
  type SufficientStatistics,
  sufficientStatistics,
} from "./sufficient-statistics.ts";

export interface ForwardSelectionOptions {
  /**
   * sklearn's `n_features_to_select`: "auto" (the default) selects ⌊p / 2⌋ features when `tol` is undefined;
   * an integer selects that many; a number in (0, 1) selects ⌊p · fraction⌋.
   */
  nFeaturesToSelect?: number | "auto";
  /** sklearn's `tol` (only with "auto"): stop once the best new score improves on the last by less than tol. */
  tol?: number;
  /** Number of unshuffled KFold splits (sklearn's `cv=5` for a regressor); ignored when `folds` is given. */
  cv?: number;
  /** Explicit folds instead of `KFold(cv)`. */
  folds?: Fold[];
}

export interface SelectionStep {
  /** The feature (column of X) added at this step. */
  added: number;
  /** Its mean cross-validated R². */
  score: number;
  /** Every candidate tried at this step, ascending by feature, with its mean CV R². */
  candidates: { feature: number; score: number }[];
}

export interface ForwardSelection {
  /** Selected columns in the order they were added. */
  order: number[];
  /** Selected columns ascending: sklearn's `get_support(indices=True)`, the column order `transform` keeps. */
  support: number[];
  /** Mean CV R² after each addition (the score trace), parallel to `order`. */
  scores: number[];
  steps: SelectionStep[];
  /** The number of folds used. */
  nSplits: number;
}

/**
 * Greedy forward selection: sklearn's `SequentialFeatureSelector(LinearRegression(), direction="forward",
 * scoring="r2", cv=5, n_features_to_select="auto")` (semantics of sklearn 1.1–1.5). With "auto" and no tol it
 * selects ⌊p / 2⌋ features; each step, every unselected column is tried alongside the selected ones (columns
 * kept in ascending order, as `X[:, mask]`), scored by the mean over unshuffled KFold folds of the test-fold
 * R² (`cross_val_score`), and the best is added — ties go to the lowest column, as Python's `max` over the
 * ascending candidates.
 *
 * Speed: each fold's fit is computed from sufficient statistics (train = all − test fold, about one shared
 * shift) with {@link fitFromStatistics}, so one pass over the rows serves every candidate subset; the test
 * folds are then scored on their raw rows. The tests check this equals refitting on the raw train rows.
 */
export function forwardSelect(
  X: Matrix,
  y: ArrayLike<number>,
  options: ForwardSelectionOptions = {},
): ForwardSelection {
  const { nFeaturesToSelect = "auto", tol, cv = 5 } = options;
  const n = X.rows;
  const p = X.cols;
  if (y.length !== n) throw new RangeError(`X has ${n} rows but y has ${y.length} values`);
  const folds = options.folds ?? kFold(n, cv);
  const auto = nFeaturesToSelect === "auto";
  let target: number;
  if (auto) target = tol === undefined ? Math.floor(p / 2) : p - 1;
  else if (Number.isInteger(nFeaturesToSelect) && nFeaturesToSelect >= 1) target = nFeaturesToSelect;
  else if (nFeaturesToSelect > 0 && nFeaturesToSelect < 1) target = Math.floor(p * nFeaturesToSelect);
  else
    throw new RangeError(
      `nFeaturesToSelect must be "auto", an integer ≥ 1 or in (0, 1), got ${nFeaturesToSelect}`,
    );
  if (target > p || (!auto && target >= p)) {
    throw new RangeError(`cannot select ${target} of ${p} features (sklearn needs fewer than p)`);
  }

  const scorer = foldScorer(X, y, folds);
  const selected = new Uint8Array(p);
  const order: number[] = [];
  const scores: number[] = [];
  const steps: SelectionStep[] = [];
  let previous = Number.NEGATIVE_INFINITY;
  for (let step = 0; step < target; step++) {
    const candidates: { feature: number; score: number }[] = [];
    let best = -1;
    let bestScore = Number.NEGATIVE_INFINITY;
    for (let j = 0; j < p; j++) {
      if (selected[j]) continue;
      const columns: number[] = [];
      for (let c = 0; c < p; c++) if (selected[c] || c === j) columns.push(c);
      const score = scorer(columns);
      candidates.push({ feature: j, score });
      if (best < 0 || score > bestScore) {
        best = j;
        bestScore = score;
      }
    }
    if (auto && tol !== undefined && bestScore - previous < tol) break;
    previous = bestScore;
    selected[best] = 1;
    order.push(best);
    scores.push(bestScore);
    steps.push({ added: best, score: bestScore, candidates });
  }
  const support = order.slice().sort((a, b) => a - b);
  return { order, support, scores, steps, nSplits: folds.length };
}

/**
 * A function scoring a column subset by mean test-fold R² over `folds` (sklearn's `cross_val_score(
 * LinearRegression(), X[:, columns], y, cv=folds, scoring="r2").mean()`), each fold's model fitted from
 * train-fold sufficient statistics (all rows' statistics minus the test fold's).
 */
export function foldScorer(X: Matrix, y: ArrayLike<number>, folds: Fold[]): (columns: number[]) => number {
  const p = X.cols;
  const all = sufficientStatistics(X, y);
  const testStats = folds.map((fold) =>
    sufficientStatistics(X, y, { rows: fold.test, shift: all.shift, shiftY: all.shiftY }),
  );
  const total = testStats.reduce<SufficientStatistics | undefined>(
    (sum, s) => (sum === undefined ? s : combineStatistics(sum, s)),
    undefined,
  );
  if (total === undefined) throw new RangeError("no folds");
  // When the test folds partition the rows and each train set is the complement (KFold), train = all − test;
  // otherwise the train statistics are accumulated from the train rows.
  const partition =
    total.count === X.rows && folds.every((fold) => fold.train.length + fold.test.length === X.rows);
  const trainStats = folds.map((fold, f) =>
    partition
      ? combineStatistics(total, testStats[f] as SufficientStatistics, -1)
      : sufficientStatistics(X, y, { rows: fold.train, shift: all.shift, shiftY: all.shiftY }),
  );
  const yTest = folds.map((fold) => Float64Array.from(fold.test, (i) => y[i] as number));
  const xd = X.data;
  return (columns) =>
    crossValidate(folds, (fold, f) => {
      const model = fitFromStatistics(trainStats[f] as SufficientStatistics, columns);
      const pred = new Float64Array(fold.test.length);
      const b = model.coefficients;
      for (let t = 0; t < fold.test.length; t++) {
        const base = (fold.test[t] as number) * p;
        let s = model.intercept;
        for (let c = 0; c < columns.length; c++)
          s += (b[c] as number) * (xd[base + (columns[c] as number)] as number);
        pred[t] = s;
      }
      return r2Score(yTest[f] as Float64Array, pred);
    }).mean;
}
