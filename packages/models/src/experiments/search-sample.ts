import { stratifiedGroupKFold, stratifiedKFold } from "../metrics/folds.ts";
import { Random } from "../random.ts";
import type { Split } from "../splits/splits.ts";

/**
 * Rows a grid search cross-validates on: a seeded sample of the split's training rows (the whole part when
 * `rows` is larger), with sklearn's unshuffled stratified folds over it, as GridSearchCV uses for a classifier.
 * On a grouped protocol the folds are `StratifiedGroupKFold` by the protocol's own groups, so that no group
 * (a track_id, or a recording) is scored by a model that was fitted on another of its rows.
 */
export function searchSample(split: Split, labels: Int32Array, rows: number, folds: number, seed: number) {
  const sample =
    rows < split.train.length
      ? new Random(seed).sample(split.train.length, rows).map((i) => split.train[i] as number)
      : split.train.slice();
  const y = Int32Array.from(sample, (row) => labels[row] as number);
  const groups = split.groups;
  return {
    rows: sample,
    folds: groups
      ? stratifiedGroupKFold(
          y,
          Array.from(sample, (row) => groups[row] as string),
          folds,
        )
      : stratifiedKFold(y, folds),
  };
}
