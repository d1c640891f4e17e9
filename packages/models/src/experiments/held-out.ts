import type { Task } from "../features/task.ts";
import type { ProtocolName, Split } from "../splits/splits.ts";
import type { ExperimentContext } from "./context.ts";

/**
 * One model's class probabilities for a protocol's validation and test rows, passed from the experiment that
 * fitted it to the experiments that build on it (the genre model pools the 114-genre forest; the ensemble
 * votes). Held in memory for the build only, never written: the results say what each model scored.
 */
export interface HeldOutPredictions {
  /** The experiment that fitted the model (its registry name). */
  model: string;
  task: Task["id"];
  protocol: ProtocolName;
  classes: number;
  /** The fitted model's chosen settings, for the experiments that report what they built on. */
  settings: Record<string, number | string | null>;
  /** Rows × classes, rows in the order of the split's `validation` and `test` lists. */
  validation: Float64Array;
  test: Float64Array;
}

/** The predictions of `model` for a task and protocol; an error naming what is missing when there are none. */
export function heldOutOf(
  inputs: readonly HeldOutPredictions[],
  model: string,
  task: Task["id"],
  protocol: ProtocolName,
): HeldOutPredictions {
  const found = inputs.find((p) => p.model === model && p.task === task && p.protocol === protocol);
  if (!found) {
    throw new Error(
      `no held-out predictions of ${model} for ${task} on ${protocol}: does the experiment need ${model}?`,
    );
  }
  return found;
}

/** Hands a fitted model's validation and test probabilities on to the experiments that need this one. */
export function handOn(
  context: ExperimentContext,
  model: string,
  task: Task,
  split: Split,
  proba: { validation: Float64Array; test: Float64Array },
  settings: HeldOutPredictions["settings"],
): void {
  const classes = task.classes.length;
  for (const [part, rows] of [
    ["validation", split.validation],
    ["test", split.test],
  ] as const) {
    if (proba[part].length !== rows.length * classes)
      throw new Error(
        `${model}: ${proba[part].length} ${part} probabilities for ${rows.length} rows × ${classes} classes`,
      );
  }
  context.heldOut.push({ model, task: task.id, protocol: split.protocol, classes, settings, ...proba });
}
