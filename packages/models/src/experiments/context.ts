import type { TrackTable } from "../dataset/tracks.ts";
import type { Split } from "../splits/splits.ts";
import type { HeldOutPredictions } from "./held-out.ts";
import { createSplits, createTasks, type Tasks } from "./protocols.ts";

export { protocolInfo, SPLIT_SEED, type Task } from "./protocols.ts";

/** Everything an experiment needs, built once per run. */
export interface ExperimentContext {
  table: TrackTable;
  tasks: Tasks;
  /** The protocols (protocols.ts): the seed's random split, grouped by track_id, grouped by recording. */
  splits: Split[];
  log: (line: string) => void;
  /** Fitted models experiments hand over for saving (name → schema-checked value), written by the CLI. */
  exports: Map<ModelExportName, unknown>;
  /** Records how long a step took, for the build log (results themselves carry no timings). */
  time: (step: string, seconds: number) => void;
  steps: { step: string; seconds: number }[];
  /** Validation and test probabilities handed on to the experiments that need this one (see `Experiment.needs`). */
  heldOut: HeldOutPredictions[];
  /**
   * Every choice made inside a protocol (a grid search, an architecture search, early stopping, an encoder's
   * smoothing, a combiner's weights) reports here the rows whose labels it saw, so a test can prove that none
   * of them is a test row of that protocol, or shares a group with one.
   */
  decisionRows: (split: Split, purpose: string, rows: ArrayLike<number>) => void;
}

export type ModelExportName =
  | "model-logistic-super-genre"
  | "model-decision-tree-super-genre"
  | "model-forest-super-genre"
  | "model-mlp-genre"
  | "model-boosting-super-genre"
  | "model-boosting-genre";

export interface ContextOptions {
  /** Receives every set of rows a choice inside a protocol was made on (see `decisionRows`). */
  onDecisionRows?: ExperimentContext["decisionRows"];
}

export function createContext(
  table: TrackTable,
  log: (line: string) => void = () => {},
  { onDecisionRows }: ContextOptions = {},
): ExperimentContext {
  const tasks = createTasks(table);
  const steps: ExperimentContext["steps"] = [];
  return {
    table,
    tasks,
    splits: createSplits(table, tasks),
    log,
    exports: new Map(),
    steps,
    heldOut: [],
    time: (step, seconds) => steps.push({ step, seconds }),
    decisionRows: onDecisionRows ?? (() => {}),
  };
}
