import { Random } from "../random.ts";
import { meanStd } from "./mean-std.ts";

export interface PermutationImportanceOptions {
  /** The feature matrix, row-major: row i is X[i * nCols .. (i + 1) * nCols). Not modified. */
  X: Float64Array;
  nCols: number;
  /**
   * Scores the fitted model on a feature matrix (higher is better, e.g. accuracy on the held-out labels).
   * It receives one reused working copy of X with a column permuted: read it, don't keep it.
   */
  predictScore: (X: Float64Array) => number;
  /** Shuffles per column; sklearn's default is 5. */
  nRepeats?: number;
  rng: Random;
}

export interface PermutationImportance {
  /** The score on the unpermuted X. */
  baseline: number;
  /** nCols × nRepeats, row-major: baseline minus the score with column j shuffled, repeat r. */
  importances: Float64Array;
  /** Per-column mean and population std (ddof = 0) of the drops, as sklearn's importances_mean/_std. */
  mean: Float64Array;
  std: Float64Array;
}

/**
 * sklearn's `permutation_importance(estimator, X, y, n_repeats)`: for each column in turn, `nRepeats` times
 * shuffle that column's values across rows and record how much the score drops. As in sklearn, one seed is
 * drawn from `rng` and every column replays the same sequence of shuffles from it, each repeat reshuffling
 * the previous repeat's order (every repeat is still a uniformly random permutation of the column).
 */
export function permutationImportance({
  X,
  nCols,
  predictScore,
  nRepeats = 5,
  rng,
}: PermutationImportanceOptions): PermutationImportance {
  const nRows = X.length / nCols;
  if (!Number.isInteger(nRows)) throw new RangeError(`X has ${X.length} values, not a multiple of ${nCols}`);
  const baseline = predictScore(X.slice());
  const seed = rng.nextUint32();
  const work = X.slice();
  const column = new Float64Array(nRows);
  const permuted = new Float64Array(nRows);
  const importances = new Float64Array(nCols * nRepeats);
  const mean = new Float64Array(nCols);
  const std = new Float64Array(nCols);
  for (let j = 0; j < nCols; j++) {
    for (let i = 0; i < nRows; i++) column[i] = X[i * nCols + j] as number;
    const columnRng = new Random(seed);
    const order = new Int32Array(nRows);
    for (let i = 0; i < nRows; i++) order[i] = i;
    for (let r = 0; r < nRepeats; r++) {
      // As sklearn: reshuffle the same index array and gather from the already-permuted column.
      columnRng.shuffle(order);
      for (let i = 0; i < nRows; i++) permuted[i] = work[(order[i] as number) * nCols + j] as number;
      for (let i = 0; i < nRows; i++) work[i * nCols + j] = permuted[i] as number;
      importances[j * nRepeats + r] = baseline - predictScore(work);
    }
    for (let i = 0; i < nRows; i++) work[i * nCols + j] = column[i] as number;
    const stats = meanStd(importances.subarray(j * nRepeats, (j + 1) * nRepeats));
    mean[j] = stats.mean;
    std[j] = stats.std;
  }
  return { baseline, importances, mean, std };
}
