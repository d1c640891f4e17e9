import { argmaxRows, evaluateClassifier } from "../evaluate/classification.ts";
import { designMatrix, type FeatureSpec, featureNames } from "../features/design.ts";
import { applyScaler, fitScaler, type Scaler } from "../features/scaler.ts";
import { type Matrix, take, takeRows } from "../matrix.ts";
import { accuracy, permutationImportance } from "../metrics/index.ts";
import { Random } from "../random.ts";
import type { ClassifierEvaluation } from "../results/schemas.ts";
import type { Split } from "../splits/splits.ts";
import { type ExperimentContext, protocolInfo, type Task } from "./context.ts";

export interface FittedClassifier {
  predictProba(X: Matrix): Float64Array;
  /** Mean decrease in impurity, for tree models. */
  readonly featureImportances?: Float64Array;
}

export type FitClassifier = (
  X: Matrix,
  y: Int32Array,
  nClasses: number,
  /** The split's validation rows (same features and scaling), for fits that stop early on them. */
  validation?: { X: Matrix; y: Int32Array },
) => Promise<FittedClassifier> | FittedClassifier;

export interface EvaluationOptions {
  /** Standard-scale the features with statistics of the training rows only. */
  scale?: boolean;
  roc?: boolean;
  /** Permutation importance on a seeded sample of the test rows (sklearn's accuracy drop). */
  permutation?: { repeats: number; rows: number; seed: number };
}

/** The design matrices of one split, scaled on the training rows when asked. */
export function splitMatrices(
  context: ExperimentContext,
  split: Split,
  features: FeatureSpec,
  scale: boolean,
) {
  const part = (rows: Int32Array) => designMatrix(context.table, features, rows);
  let train = part(split.train);
  let validation = part(split.validation);
  let test = part(split.test);
  let scaler: Scaler | undefined;
  if (scale) {
    scaler = fitScaler(train);
    train = applyScaler(scaler, train);
    validation = applyScaler(scaler, validation);
    test = applyScaler(scaler, test);
  }
  return { train, validation, test, scaler };
}

const predictLabels = (model: FittedClassifier, X: Matrix, k: number) => argmaxRows(model.predictProba(X), k);

/** "test accuracy …" (and top-5 on the 114 genres) of an evaluation, for the build log. */
export function describeTest(evaluation: ClassifierEvaluation): string {
  const top5 = evaluation.test.topK.find((t) => t.k === 5);
  return (
    `test accuracy ${evaluation.test.accuracy.toFixed(4)}` +
    (evaluation.task === "genre" && top5 ? `, top-5 ${top5.accuracy.toFixed(4)}` : "")
  );
}

/** Fits on a split's training rows and reports train, validation and test performance. */
export async function evaluateOnSplit(
  context: ExperimentContext,
  task: Task,
  split: Split,
  features: FeatureSpec,
  fit: FitClassifier,
  options: EvaluationOptions = {},
): Promise<{
  evaluation: ClassifierEvaluation;
  model: FittedClassifier;
  scaler: Scaler | undefined;
  /** The model's probabilities for the validation and test rows (for `context.heldOut`). */
  proba: { validation: Float64Array; test: Float64Array };
}> {
  const k = task.classes.length;
  const { train, validation, test, scaler } = splitMatrices(context, split, features, options.scale ?? false);
  const yTrain = take(task.labels, split.train);
  const yValidation = take(task.labels, split.validation);
  const yTest = take(task.labels, split.test);
  const started = performance.now();
  const model = await fit(train, yTrain, k, { X: validation, y: yValidation });
  context.time(`fit ${split.protocol} ${task.id}`, (performance.now() - started) / 1000);
  const names = featureNames(features);
  const validationProba = model.predictProba(validation);
  const testProba = model.predictProba(test);
  const evaluation: ClassifierEvaluation = {
    protocol: protocolInfo(split),
    task: task.id,
    trainAccuracy: accuracy(yTrain, predictLabels(model, train, k)),
    validationAccuracy: accuracy(yValidation, argmaxRows(validationProba, k)),
    test: evaluateClassifier(yTest, testProba, task.classes, { roc: options.roc ?? k <= 10 }),
  };

  if (model.featureImportances) {
    evaluation.featureImportance = names.map((feature, j) => ({
      feature,
      importance: model.featureImportances?.[j] as number,
    }));
  }
  if (options.permutation) {
    const { repeats, rows, seed } = options.permutation;
    const rng = new Random(seed);
    const sample =
      rows < test.rows
        ? rng.sample(test.rows, rows).sort()
        : Int32Array.from({ length: test.rows }, (_, i) => i);
    const { data: X } = takeRows(test, sample);
    const y = take(yTest, sample);
    const result = permutationImportance({
      X,
      nCols: test.cols,
      nRepeats: repeats,
      rng,
      predictScore: (data) =>
        accuracy(y, predictLabels(model, { data, rows: sample.length, cols: test.cols }, k)),
    });
    evaluation.permutationImportance = names.map((feature, j) => ({
      feature,
      mean: result.mean[j] as number,
      std: result.std[j] as number,
    }));
  }
  return { evaluation, model, scaler, proba: { validation: validationProba, test: testProba } };
}
