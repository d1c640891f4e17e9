import { argmaxRows, evaluateClassifier } from "../evaluate/classification.ts";
import type { Task } from "../features/task.ts";
import { take } from "../matrix.ts";
import { accuracy, topKAccuracy } from "../metrics/index.ts";
import type { GenreModelId, GenreModelResult } from "../results/genre-model-schemas.ts";
import type { Split } from "../splits/splits.ts";

type ProtocolResult = GenreModelResult["protocols"][number];

export const GENRE_MODELS: readonly GenreModelId[] = ["audio", "audio-artist-album"];

/** Each model's probabilities (n × K) of the validation and test rows, per task. */
export type Predictions = Record<
  GenreModelId,
  Record<Task["id"], { validation: Float64Array; test: Float64Array }>
>;

/**
 * Top-1 as the accuracy of the most probable class (the first on ties, as every other model's accuracy here),
 * and top-5 by sklearn's `top_k_accuracy_score` rule.
 */
export function topAccuracies(y: Int32Array, proba: Float64Array, k: number): { top1: number; top5: number } {
  return { top1: accuracy(y, argmaxRows(proba, k)), top5: topKAccuracy(y, proba, 5) };
}

/** The rows `subset` (positions) of an n × k matrix. */
function rowsOf(proba: Float64Array, k: number, subset: Int32Array): Float64Array {
  const out = new Float64Array(subset.length * k);
  subset.forEach((r, i) => {
    out.set(proba.subarray(r * k, (r + 1) * k), i * k);
  });
  return out;
}

/** Every model on every task: validation top-1/top-5, and the full test metrics (report, confusion, top-k). */
export function evaluateModels(
  tasks: readonly Task[],
  split: Split,
  predictions: Predictions,
): ProtocolResult["evaluations"] {
  return tasks.flatMap((task) => {
    const yValidation = take(task.labels, split.validation);
    const yTest = take(task.labels, split.test);
    return GENRE_MODELS.map((model) => {
      const p = predictions[model][task.id];
      return {
        task: task.id,
        model,
        validation: topAccuracies(yValidation, p.validation, task.classes.length),
        test: evaluateClassifier(yTest, p.test, task.classes, { roc: false, topK: [1, 5] }),
      };
    });
  });
}

/**
 * The test rows split by whether any of their artists was counted (`artistEvidence` > 0): the new-artist
 * rows show how the pooled model generalises where it has essentially the audio forest alone.
 */
export function artistSubsets(
  tasks: readonly Task[],
  split: Split,
  predictions: Predictions,
  artistEvidence: Float64Array,
): ProtocolResult["subsets"] {
  const counted: number[] = [];
  const fresh: number[] = [];
  artistEvidence.forEach((e, r) => {
    (e > 0 ? counted : fresh).push(r);
  });
  const strictest =
    split.groups !== null
      ? ` On this protocol it is the strictest, artist-grouped view: no ${split.protocol === "recording-grouped" ? "recording" : "track"} and no artist of these rows was learned from.`
      : "";
  const subsets = [
    {
      id: "artist-counted",
      description: "Test rows with at least one of their artists among the training and validation rows.",
      rows: Int32Array.from(counted),
    },
    {
      id: "artist-new",
      description:
        "Test rows none of whose artists occurs in the training or validation rows: the pooled model has only " +
        `the audio forest and, where counted, the album to go on.${strictest}`,
      rows: Int32Array.from(fresh),
    },
  ] as const;
  return subsets.map(({ id, description, rows }) => ({
    id,
    description,
    rows: rows.length,
    share: rows.length / split.test.length,
    // An empty subset has no accuracy: it lists no results.
    results:
      rows.length === 0
        ? []
        : tasks.flatMap((task) => {
            const y = take(take(task.labels, split.test), rows);
            const k = task.classes.length;
            return GENRE_MODELS.map((model) => ({
              task: task.id,
              model,
              ...topAccuracies(y, rowsOf(predictions[model][task.id].test, k, rows), k),
            }));
          }),
  }));
}
