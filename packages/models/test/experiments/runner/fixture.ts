// Modules the runner tests hand to the experiment workers by URL: a small table and small registries.
import type { TrackTable } from "../../../src/dataset/tracks.ts";
import { runDecisionTree } from "../../../src/experiments/decision-tree.ts";
import { runKnn } from "../../../src/experiments/knn.ts";
import { runLogisticRegression } from "../../../src/experiments/logistic-regression.ts";
import type { Experiment } from "../../../src/experiments/registry.ts";
import { syntheticTable } from "../synthetic-table.ts";

export const loadSyntheticTable = (): TrackTable => syntheticTable(40, 3);

const accuracy = (r: Awaited<ReturnType<typeof runKnn>>) =>
  r.evaluations.map((e) => e.test.accuracy.toFixed(3)).join(" ");

/** Three real experiments, cheap on the synthetic table; logistic regression and the tree also export models. */
export const CHEAP: Experiment[] = [
  { name: "logistic-regression", run: runLogisticRegression, describe: accuracy, cost: 3 },
  { name: "decision-tree", run: runDecisionTree, describe: accuracy, cost: 2 },
  { name: "knn", run: runKnn, describe: accuracy, cost: 1 },
];

/** One experiment that throws while another one would run for a minute. */
export const FAILING: Experiment[] = [
  {
    name: "energy-regression",
    run: () => new Promise((resolve) => setTimeout(resolve, 60_000)),
    describe: () => "slept",
    cost: 2,
  },
  {
    name: "knn",
    run: (context) => {
      context.log("about to fail");
      throw new Error("boom in the fixture");
    },
    describe: () => "never",
    cost: 1,
  },
];

/**
 * A chain: the "decision-tree" stand-in hands on predictions after a pause, the "genre-model" stand-in needs
 * them and returns what it received; "knn" runs beside them.
 */
export const CHAINED: Experiment[] = [
  {
    name: "decision-tree",
    run: async (context) => {
      await new Promise((resolve) => setTimeout(resolve, 300));
      context.heldOut.push({
        model: "decision-tree",
        task: "super-genre",
        protocol: "seed-random",
        classes: 2,
        settings: { max_depth: 3 },
        validation: Float64Array.of(0.25, 0.75),
        test: Float64Array.of(0.5, 0.5, 1, 0),
      });
      return { handedOn: 1 };
    },
    describe: () => "handed on",
    cost: 1,
  },
  {
    name: "genre-model",
    needs: ["decision-tree"],
    run: (_context, inputs) =>
      inputs.map((p) => ({ model: p.model, settings: p.settings, test: Array.from(p.test) })),
    describe: () => "received",
    cost: 1,
  },
  { name: "knn", run: () => ({ ran: true }), describe: () => "ran", cost: 5 },
];
