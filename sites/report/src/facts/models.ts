import type { ClassifierEvaluation, ClassifierResult, ProtocolInfo } from "@spotiflies/models/results";
import { modelResult } from "../data/models.ts";

/** Helpers shared by the model chapters: finding one evaluation in a classifier's results, naming protocols. */

export type Protocol = ProtocolInfo["protocol"];
export type Task = ClassifierEvaluation["task"];

/** The three protocols, in the order the report lists them: the seed's, grouped by track_id, grouped by recording. */
export const PROTOCOLS: readonly Protocol[] = ["seed-random", "track-grouped", "recording-grouped"];

/**
 * The protocol every headline number uses: grouped by recording, so that no test track has its audio (under any
 * track_id) in training, and every search made on that protocol's own training rows.
 */
export const HEADLINE: Protocol = "recording-grouped";

const PROTOCOL_NAMES: Record<Protocol, string> = {
  "seed-random": "random split",
  "track-grouped": "track-grouped split",
  "recording-grouped": "recording-grouped split",
};

/** How the report names each evaluation protocol. */
export function protocolName(protocol: Protocol): string {
  return PROTOCOL_NAMES[protocol];
}

export function taskName(task: Task): string {
  return task === "super-genre" ? "super-genres" : "genres";
}

export type ClassifierName =
  | "logistic-regression"
  | "decision-tree"
  | "random-forest"
  | "gradient-boosting"
  | "knn";

export function classifier(name: ClassifierName): ClassifierResult {
  return modelResult(name);
}

/**
 * The evaluation of `model` on `protocol` and `task`; for KNN, `scaling` picks the unscaled ("none") or
 * standard-scaled run. Throws when the results hold no such evaluation, which fails the build.
 */
export function evaluation(
  model: ClassifierName,
  protocol: Protocol,
  task: Task,
  scaling?: "none" | "standard",
): ClassifierEvaluation {
  return findEvaluation(model, classifier(model).evaluations, protocol, task, scaling);
}

/**
 * The evaluation on `protocol` and `task` among a result's `evaluations` (any model's: classifiers, the neural
 * network); `scaling` as for `evaluation`. Throws, naming the result file, when there is none.
 */
export function findEvaluation(
  result: string,
  evaluations: readonly ClassifierEvaluation[],
  protocol: Protocol,
  task: Task,
  scaling?: "none" | "standard",
): ClassifierEvaluation {
  const found = evaluations.find(
    (e) =>
      e.protocol.protocol === protocol &&
      e.task === task &&
      (scaling === undefined || e.chosen?.scaling === scaling),
  );
  if (!found)
    throw new Error(
      `${result}.json has no ${protocol} evaluation for ${task}${scaling ? ` (${scaling})` : ""}.`,
    );
  return found;
}

/** The class with the largest value of `key` among an evaluation's per-class metrics. */
export function topClass(e: ClassifierEvaluation, key: "precision" | "recall" | "f1") {
  return [...e.test.perClass].sort((a, b) => b[key] - a[key])[0];
}

/** The share of the test rows in the largest class: what always guessing that class would score. */
export function majorityShare(e: ClassifierEvaluation): { label: string; share: number } {
  const total = e.test.perClass.reduce((sum, c) => sum + c.support, 0);
  const largest = [...e.test.perClass].sort((a, b) => b.support - a.support)[0];
  return { label: largest?.label ?? "", share: (largest?.support ?? 0) / total };
}

/** Top-k accuracy for k, from an evaluation's test metrics. */
export function topK(e: ClassifierEvaluation, k: number): number {
  const found = e.test.topK.find((t) => t.k === k);
  if (!found) throw new Error(`No top-${k} accuracy recorded.`);
  return found.accuracy;
}

/** A grid as text: "criterion: gini, entropy · max_depth: 10, 20, none". */
export function gridText(grid: Readonly<Record<string, readonly (number | string | null)[]>>): string {
  return Object.entries(grid)
    .map(([key, values]) => `${key}: ${values.map((v) => (v === null ? "none" : String(v))).join(", ")}`)
    .join(" · ");
}

/** How many parameter combinations a grid holds. */
export function gridSize(grid: Readonly<Record<string, readonly unknown[]>>): number {
  return Object.values(grid).reduce((product, values) => product * values.length, 1);
}

/** Parameters as text: "max_depth = 20, n_estimators = 50". */
export function paramsText(params: Readonly<Record<string, number | string | boolean | null>>): string {
  return Object.entries(params)
    .map(([key, value]) => `${key} = ${value === null ? "none" : String(value)}`)
    .join(", ");
}

/**
 * Seconds the build spent on `model`'s grid search on the random split, from the models' build log (results
 * themselves carry no timings); undefined when the log records no such step.
 */
export function searchSeconds(model: ClassifierName): number | undefined {
  return modelResult("models-build-log").steps.find(
    (s) => s.model === model && s.step.includes("grid search") && s.step.includes("seed-random"),
  )?.seconds;
}
