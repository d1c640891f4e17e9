import type { ModelResultName } from "../results/registry.ts";
import type { ExperimentContext } from "./context.ts";
import { runDecisionTree } from "./decision-tree.ts";
import { runEnergyRegression } from "./energy-regression.ts";
import { ENSEMBLE_MEMBERS, runEnsemble } from "./ensemble.ts";
import { describeGenreModel, runGenreModel } from "./genre-model.ts";
import { runGradientBoosting } from "./gradient-boosting.ts";
import type { HeldOutPredictions } from "./held-out.ts";
import { runKnn } from "./knn.ts";
import { runLogisticRegression } from "./logistic-regression.ts";
import { runNeuralNetwork } from "./neural-network.ts";
import { runPcaClustering } from "./pca-clustering.ts";
import { runRandomForest } from "./random-forest.ts";
import { runResponseSweeps } from "./response-sweeps.ts";

export interface Experiment {
  name: Exclude<ModelResultName, "models-build-log" | "leaderboard">;
  /** `inputs`: the held-out predictions of the experiments named in `needs`. */
  run: (context: ExperimentContext, inputs: readonly HeldOutPredictions[]) => unknown | Promise<unknown>;
  /** Experiments whose held-out predictions (`context.heldOut`) this one reads; it runs after them. */
  needs?: readonly Exclude<ModelResultName, "models-build-log" | "leaderboard">[];
  /** One phrase for the build summary. */
  describe: (result: never) => string;
  /**
   * Expected seconds of a run in the cold 2-core build, with both cores busy: the runner starts the longest
   * first so that no long experiment is left to run alone at the end. A hint only; results do not depend on it.
   */
  cost: number;
}

const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
type Classifier = Awaited<ReturnType<typeof runDecisionTree>>;
const testAccuracies = (r: Classifier) =>
  r.evaluations
    .filter((e) => e.task === "super-genre")
    .map((e) => `${e.protocol.protocol} ${pct(e.test.accuracy)}`)
    .join(", ");

/**
 * Every experiment of the build, in the seed's section order: the order of the results and the build log
 * (the runner starts them in order of `cost`).
 */
export const EXPERIMENTS: Experiment[] = [
  {
    name: "energy-regression",
    run: runEnergyRegression,
    cost: 28,
    describe: (r: ReturnType<typeof runEnergyRegression>) =>
      `validation R² ${r.evaluations.map((e) => e.result.fits.linear?.validation.r2.toFixed(3)).join(" / ")}`,
  },
  {
    name: "response-sweeps",
    run: runResponseSweeps,
    cost: 34,
    describe: (r: ReturnType<typeof runResponseSweeps>) =>
      `${r.sweeps.map((s) => s.groups.length).join(" + ")} groups`,
  },
  { name: "logistic-regression", run: runLogisticRegression, describe: testAccuracies, cost: 105 },
  { name: "decision-tree", run: runDecisionTree, describe: testAccuracies, cost: 17 },
  { name: "random-forest", run: runRandomForest, describe: testAccuracies, cost: 185 },
  { name: "gradient-boosting", run: runGradientBoosting, describe: testAccuracies, cost: 120 },
  { name: "knn", run: runKnn, describe: testAccuracies, cost: 41 },
  {
    name: "pca-clustering",
    run: runPcaClustering,
    cost: 31,
    describe: (r: Awaited<ReturnType<typeof runPcaClustering>>) =>
      `PC1–2 ${pct(r.pca.cumulativeVarianceRatio[1] ?? 0)} of variance, logistic on 10 PCs ` +
      `${pct(r.logisticOnComponents.test.accuracy)}, ARI vs super-genre ` +
      r.clustering.methods.map((m) => `${m.id} ${m.ariSuperGenre.toFixed(3)}`).join(" · "),
  },
  {
    name: "neural-network",
    run: runNeuralNetwork,
    cost: 130,
    describe: (r: Awaited<ReturnType<typeof runNeuralNetwork>>) => {
      const test = (task: string, protocol: string) =>
        r.evaluations.find((e) => e.task === task && e.protocol.protocol === protocol)?.test.accuracy ?? 0;
      const protocols = r.searches.map((s) => s.protocol);
      return (
        `seed net ${pct(r.seedReproduction.validation.accuracy)} validation (seed 17 %); ` +
        `chosen ${r.searches.map((s) => s.chosen).join(" / ")}: super-genre test ` +
        `${protocols.map((p) => pct(test("super-genre", p))).join(" / ")}, genre ` +
        `${protocols.map((p) => pct(test("genre", p))).join(" / ")} (${protocols.join(" / ")}), ${r.backend.name}`
      );
    },
  },
  {
    name: "genre-model",
    run: (context, inputs) => runGenreModel(context, inputs),
    needs: ["random-forest"],
    cost: 25,
    describe: describeGenreModel,
  },
  {
    name: "ensemble",
    run: runEnsemble,
    needs: ENSEMBLE_MEMBERS,
    cost: 15,
    describe: (r: ReturnType<typeof runEnsemble>) =>
      r.evaluations
        .filter((e) => e.task === "super-genre")
        .map(
          (e) =>
            `${e.protocol.protocol} ${pct(e.test.accuracy)}${e.beatsBestMember ? "" : " (not above its best member)"}`,
        )
        .join(", "),
  },
];
