import { argmaxRows } from "../evaluate/classification.ts";
import { type Grid, gridSearch, type Params } from "../evaluate/grid-search.ts";
import { designMatrix, type FeatureSpec } from "../features/design.ts";
import { take, takeRows } from "../matrix.ts";
import { accuracy } from "../metrics/index.ts";
import type { ClassifierResult } from "../results/schemas.ts";
import type { Split } from "../splits/splits.ts";
import type { FitClassifier } from "./classifier-evaluation.ts";
import type { ExperimentContext, Task } from "./context.ts";
import { searchSample } from "./search-sample.ts";

export interface SearchSettings {
  rows: number;
  folds: number;
  seed: number;
}

/**
 * `GridSearchCV(model, grid, cv=folds, scoring="accuracy")` on a seeded sample of one split's training rows,
 * reported with exactly what was searched.
 */
export async function gridSearchCV(
  context: ExperimentContext,
  task: Task,
  split: Split,
  features: FeatureSpec,
  grid: Grid,
  settings: SearchSettings,
  fitWith: (params: Params) => FitClassifier,
  label: string,
): Promise<NonNullable<ClassifierResult["search"]>> {
  const started = performance.now();
  const { rows, folds } = searchSample(split, task.labels, settings.rows, settings.folds, settings.seed);
  context.decisionRows(split, `${label} grid search`, rows);
  const X = designMatrix(context.table, features, rows);
  const y = take(task.labels, rows);
  const k = task.classes.length;
  let reported = 0;
  const outcome = await gridSearch(
    grid,
    folds,
    async (params, fold) => {
      const model = await fitWith(params)(takeRows(X, fold.train), take(y, fold.train), k);
      return accuracy(take(y, fold.test), argmaxRows(model.predictProba(takeRows(X, fold.test)), k));
    },
    (done, total) => {
      if (done === total || done - reported >= Math.ceil(total / 4)) {
        reported = done;
        context.log(`models ▸ ${label} grid search (${split.protocol}): ${done}/${total} fits`);
      }
    },
  );
  context.time(`${label} grid search ${split.protocol}`, (performance.now() - started) / 1000);
  return {
    grid,
    folds: settings.folds,
    rows: rows.length,
    scoring: "accuracy",
    results: outcome.results,
    best: outcome.best,
  };
}
