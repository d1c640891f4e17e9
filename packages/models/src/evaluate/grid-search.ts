import type { Fold } from "../metrics/folds.ts";
import { meanStd } from "../metrics/mean-std.ts";

export type ParamValue = number | string | null;
export type Grid = Record<string, ParamValue[]>;
export type Params = Record<string, ParamValue>;

/** Every combination of the grid, as sklearn's `ParameterGrid`: keys sorted, the last key varying fastest. */
export function gridPoints(grid: Grid): Params[] {
  const keys = Object.keys(grid).sort();
  let points: Params[] = [{}];
  for (const key of keys) {
    points = points.flatMap((point) => (grid[key] ?? []).map((value) => ({ ...point, [key]: value })));
  }
  return points;
}

export interface GridSearchOutcome {
  results: { params: Params; mean: number; std: number }[];
  best: Params;
  bestScore: number;
}

/**
 * sklearn's `GridSearchCV` scoring loop: every grid point is fitted and scored on every fold; the best is
 * the highest mean score, the first in grid order on ties (sklearn's rank 1).
 */
export async function gridSearch(
  grid: Grid,
  folds: readonly Fold[],
  fitScore: (params: Params, fold: Fold) => number | Promise<number>,
  onProgress: (done: number, total: number) => void = () => {},
): Promise<GridSearchOutcome> {
  const points = gridPoints(grid);
  const results: GridSearchOutcome["results"] = [];
  let done = 0;
  for (const params of points) {
    const scores = new Float64Array(folds.length);
    for (const [i, fold] of folds.entries()) {
      scores[i] = await fitScore(params, fold);
      onProgress(++done, points.length * folds.length);
    }
    const { mean, std } = meanStd(scores);
    results.push({ params, mean, std });
  }
  let best = results[0];
  for (const result of results) if (best === undefined || result.mean > best.mean) best = result;
  if (!best) throw new Error("grid search over an empty grid");
  return { results, best: best.params, bestScore: best.mean };
}
