import { stratifiedKFold } from "../metrics/folds.ts";
import { Random } from "../random.ts";
import type { Split } from "../splits/splits.ts";

/**
 * Rows a grid search cross-validates on: a seeded sample of the training split (the whole split when
 * `rows` is larger), with sklearn's unshuffled stratified folds over it, as GridSearchCV uses for a classifier.
 */
export function searchSample(split: Split, labels: Int32Array, rows: number, folds: number, seed: number) {
  const sample =
    rows < split.train.length
      ? new Random(seed).sample(split.train.length, rows).map((i) => split.train[i] as number)
      : split.train.slice();
  const y = Int32Array.from(sample, (row) => labels[row] as number);
  return { rows: sample, folds: stratifiedKFold(y, folds) };
}
