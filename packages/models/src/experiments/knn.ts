import { evaluateClassifier } from "../evaluate/classification.ts";
import { featureNames } from "../features/design.ts";
import { SEED_RAW_FEATURES } from "../features/seed-feature-sets.ts";
import { KNeighborsClassifier } from "../knn/index.ts";
import { take } from "../matrix.ts";
import type { ClassifierResult } from "../results/schemas.ts";
import { splitMatrices } from "./classifier-evaluation.ts";
import type { ExperimentContext } from "./context.ts";
import { protocolInfo, type Task } from "./context.ts";

export const K = 5;

/** sklearn's uniform vote: the share of the k neighbours in each class. */
function voteShares(indices: Int32Array, k: number, trainLabels: Int32Array, nClasses: number): Float64Array {
  const rows = indices.length / k;
  const proba = new Float64Array(rows * nClasses);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < k; j++) {
      const label = trainLabels[indices[i * k + j] as number] as number;
      proba[i * nClasses + label] = (proba[i * nClasses + label] as number) + 1 / k;
    }
  }
  return proba;
}

/**
 * The seed's KNN (k = 5) on the 15 raw features — where duration in milliseconds swamps every other
 * feature's distance — and on the same features standard-scaled on the training rows. The neighbours of
 * each test track are found once and vote for both the 10 super-genres and the 114 genres.
 */
export async function runKnn(context: ExperimentContext): Promise<ClassifierResult> {
  const evaluations: ClassifierResult["evaluations"] = [];
  const tasks: Task[] = [context.tasks.superGenre, context.tasks.genre];
  for (const split of context.splits) {
    for (const scaled of [false, true]) {
      const { train, test } = splitMatrices(context, split, SEED_RAW_FEATURES, scaled);
      const started = performance.now();
      const model = new KNeighborsClassifier({ nNeighbors: K }).fit(
        train,
        take(context.tasks.superGenre.labels, split.train),
        context.tasks.superGenre.classes.length,
      );
      const { indices } = model.kneighbors(test);
      context.time(
        `neighbours ${split.protocol} ${scaled ? "scaled" : "raw"}`,
        (performance.now() - started) / 1000,
      );
      for (const task of tasks) {
        const proba = voteShares(indices, K, take(task.labels, split.train), task.classes.length);
        const metrics = evaluateClassifier(take(task.labels, split.test), proba, task.classes, {
          roc: task.classes.length <= 10,
        });
        evaluations.push({
          protocol: protocolInfo(split),
          task: task.id,
          chosen: { scaling: scaled ? "standard" : "none", nNeighbors: K },
          test: metrics,
        });
        context.log(
          `models ▸ knn (${split.protocol}, ${scaled ? "scaled" : "raw"}, ${task.id}): test accuracy ${metrics.accuracy.toFixed(4)}`,
        );
      }
    }
  }
  return {
    model: "knn",
    description:
      "k-nearest neighbours (k = 5, uniform vote, Euclidean distance, exact k-d tree search) on the 15 raw features, " +
      "unscaled as in the seed and standard-scaled on the training rows.",
    features: featureNames(SEED_RAW_FEATURES),
    hyperparameters: { nNeighbors: K, weights: "uniform", metric: "euclidean" },
    evaluations,
    seed: {
      testAccuracy: 0.29438636563296144,
      note: "The seed ran KNN on unscaled features only (test accuracy 0.294) and concluded KNN suits the data poorly.",
    },
  };
}
