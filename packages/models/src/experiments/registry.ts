import type { ModelResultName } from "../results/registry.ts";
import type { ExperimentContext } from "./context.ts";
import { runDecisionTree } from "./decision-tree.ts";
import { runEnergyRegression } from "./energy-regression.ts";
import { runKnn } from "./knn.ts";
import { runLogisticRegression } from "./logistic-regression.ts";
import { runPcaClustering } from "./pca-clustering.ts";
import { runRandomForest } from "./random-forest.ts";
import { runResponseSweeps } from "./response-sweeps.ts";

export interface Experiment {
  name: Exclude<ModelResultName, "models-build-log">;
  run: (context: ExperimentContext) => unknown | Promise<unknown>;
  /** One phrase for the build summary. */
  describe: (result: never) => string;
}

const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
type Classifier = Awaited<ReturnType<typeof runDecisionTree>>;
const testAccuracies = (r: Classifier) =>
  r.evaluations
    .filter((e) => e.task === "super-genre")
    .map((e) => `${e.protocol.protocol} ${pct(e.test.accuracy)}`)
    .join(", ");

/** Every experiment of the build, in the order they run (the seed's section order). */
export const EXPERIMENTS: Experiment[] = [
  {
    name: "energy-regression",
    run: runEnergyRegression,
    describe: (r: ReturnType<typeof runEnergyRegression>) =>
      `validation R² ${r.evaluations.map((e) => e.result.fits.linear?.validation.r2.toFixed(3)).join(" / ")}`,
  },
  {
    name: "response-sweeps",
    run: runResponseSweeps,
    describe: (r: ReturnType<typeof runResponseSweeps>) =>
      `${r.sweeps.map((s) => s.groups.length).join(" + ")} groups`,
  },
  { name: "logistic-regression", run: runLogisticRegression, describe: testAccuracies },
  { name: "decision-tree", run: runDecisionTree, describe: testAccuracies },
  { name: "random-forest", run: runRandomForest, describe: testAccuracies },
  { name: "knn", run: runKnn, describe: testAccuracies },
  {
    name: "pca-clustering",
    run: runPcaClustering,
    describe: (r: Awaited<ReturnType<typeof runPcaClustering>>) =>
      `PC1–2 ${pct(r.pca.cumulativeVarianceRatio[1] ?? 0)} of variance, logistic on 10 PCs ` +
      `${pct(r.logisticOnComponents.test.accuracy)}, ARI vs super-genre ` +
      r.clustering.methods.map((m) => `${m.id} ${m.ariSuperGenre.toFixed(3)}`).join(" · "),
  },
];
