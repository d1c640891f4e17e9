import type { ClassificationMetrics } from "@spotiflies/models/results";
import { decColumn, intColumn, sigColumn, textColumn } from "../figures/columns.ts";
import type { DataTable } from "../figures/types.ts";
import { pct } from "../site/format.ts";
import { GENRE_MODEL_NAMES, genreModelFacts, genreModelTest } from "./genre-model.ts";
import {
  type ClassifierName,
  classifier,
  evaluation,
  findEvaluation,
  gridSize,
  gridText,
  PROTOCOLS,
  type Protocol,
  paramsText,
  protocolName,
  searchSeconds,
  type Task,
  taskName,
} from "./models.ts";
import { neuralNetwork } from "./neural-network.ts";
import { energyFacts } from "./regression.ts";

/** Tables the model chapters show outside figures, built from the models' results. */

export function energyMetricsTable(): DataTable {
  const f = energyFacts();
  const rows = [f.seed, f.grouped].flatMap((e) =>
    (["linear", "quadratic"] as const).flatMap((model) =>
      (["train", "validation"] as const).map((part) => {
        const scores = e[model][part];
        return {
          protocol: protocolName(e.protocol.protocol),
          model,
          part,
          rows: part === "train" ? e.result.sizes.train : e.result.sizes.validation,
          r2: scores.r2,
          rmse: scores.rmse,
          mae: scores.mae,
          mse: scores.mse,
        };
      }),
    ),
  );
  return {
    columns: [
      textColumn("protocol", "split"),
      textColumn("model", "model"),
      textColumn("part", "rows scored"),
      intColumn("rows", "tracks"),
      decColumn("r2", "R²", 3),
      decColumn("rmse", "RMSE", 4),
      decColumn("mae", "MAE", 4),
      sigColumn("mse", "MSE", 4),
    ],
    rows,
  };
}

export function biasVarianceTable(): DataTable {
  const f = energyFacts();
  const rows = [f.seed, f.grouped].flatMap((e) =>
    (["linear", "quadratic"] as const).map((model) => {
      const bv = e[model].biasVariance;
      return {
        protocol: protocolName(e.protocol.protocol),
        model,
        loss: bv?.avgExpectedLoss ?? null,
        bias: bv?.avgBias ?? null,
        variance: bv?.avgVar ?? null,
      };
    }),
  );
  return {
    columns: [
      textColumn("protocol", "split"),
      textColumn("model", "model"),
      sigColumn("loss", "expected loss (MSE)", 4),
      sigColumn("bias", "bias (squared, with noise)", 4),
      sigColumn("variance", "variance", 3),
    ],
    rows,
  };
}

export function perClassTable(): DataTable {
  const e = evaluation("logistic-regression", "seed-random", "super-genre");
  return {
    columns: [
      textColumn("label", "super-genre"),
      decColumn("precision", "precision", 2),
      decColumn("recall", "recall", 2),
      decColumn("f1", "F1", 2),
      intColumn("support", "test tracks"),
    ],
    rows: e.test.perClass.map((c) => ({ ...c })),
  };
}

export function seedPrecisionTable(
  seedReport: readonly { label: string; precision: number; recall: number; support: number }[],
): DataTable {
  const e = evaluation("logistic-regression", "seed-random", "super-genre");
  return {
    columns: [
      textColumn("label", "super-genre"),
      decColumn("seedPrecision", "seed precision", 2),
      decColumn("seedRecall", "seed recall", 2),
      intColumn("seedSupport", "seed test tracks"),
      decColumn("precision", "precision here", 2),
      decColumn("recall", "recall here", 2),
      intColumn("support", "test tracks here"),
    ],
    rows: seedReport.map((s) => {
      const here = e.test.perClass.find((c) => c.label === s.label);
      return {
        label: s.label,
        seedPrecision: s.precision,
        seedRecall: s.recall,
        seedSupport: s.support,
        precision: here?.precision ?? null,
        recall: here?.recall ?? null,
        support: here?.support ?? null,
      };
    }),
  };
}

export function treeSearchTable(): DataTable {
  const search = classifier("decision-tree").search;
  if (!search) throw new Error("decision-tree.json records no grid search.");
  const keys = Object.keys(search.grid);
  return {
    columns: [
      ...keys.map((k) => textColumn(k, k)),
      decColumn("mean", "mean CV accuracy", 4),
      decColumn("std", "standard deviation", 4),
    ],
    rows: [...search.results]
      .sort((a, b) => b.mean - a.mean)
      .map((r) => ({
        ...Object.fromEntries(keys.map((k) => [k, r.params[k] === null ? "none" : String(r.params[k])])),
        mean: r.mean,
        std: r.std,
      })),
  };
}

/**
 * A model in the comparison: its test metrics per protocol and task (undefined for a task it does not predict) and
 * the test accuracy the seed reported for it on super-genres, if any.
 */
interface ComparedModel {
  label: string;
  tasks: readonly Task[];
  test: (protocol: Protocol, task: Task) => ClassificationMetrics;
  seedAccuracy?: number | undefined;
}

function classifierModel(
  label: string,
  name: ClassifierName,
  scaling?: "none" | "standard",
  seedAccuracy?: number,
): ComparedModel {
  const result = classifier(name);
  return {
    label,
    tasks: (["super-genre", "genre"] as const).filter((t) => result.evaluations.some((e) => e.task === t)),
    test: (protocol, task) => evaluation(name, protocol, task, scaling).test,
    seedAccuracy,
  };
}

/**
 * Every model trained on the seed's features: the classifiers, the neural network, and the genre model's audio-only
 * forest. The genre model pooled with artist and album reads other columns and is compared in its own section.
 */
function comparedModels(): ComparedModel[] {
  const seed = (name: ClassifierName) => classifier(name).seed.testAccuracy;
  const network = neuralNetwork();
  return [
    classifierModel("logistic regression", "logistic-regression", undefined, seed("logistic-regression")),
    classifierModel("decision tree", "decision-tree", undefined, seed("decision-tree")),
    classifierModel("random forest", "random-forest", undefined, seed("random-forest")),
    classifierModel("KNN, unscaled", "knn", "none", seed("knn")),
    classifierModel("KNN, scaled", "knn", "standard"),
    {
      label: "neural network",
      tasks: ["super-genre", "genre"],
      test: (protocol, task) => findEvaluation("neural-network", network.evaluations, protocol, task).test,
      seedAccuracy: network.seed.testAccuracy,
    },
    {
      label: `genre forest, ${GENRE_MODEL_NAMES.audio}`,
      tasks: ["super-genre", "genre"],
      test: (protocol, task) => genreModelTest(protocol, task, "audio"),
    },
  ];
}

/** Every compared model's test accuracy and macro F1 on both splits, per task. */
export function comparisonRows() {
  return comparedModels().flatMap((model) =>
    model.tasks.map((task) => {
      const random = model.test("seed-random", task);
      const grouped = model.test("track-grouped", task);
      return {
        model: model.label,
        task: taskName(task),
        randomAccuracy: random.accuracy,
        groupedAccuracy: grouped.accuracy,
        gap: random.accuracy - grouped.accuracy,
        randomMacroF1: random.macro.f1,
        groupedMacroF1: grouped.macro.f1,
        seedAccuracy: task === "super-genre" ? (model.seedAccuracy ?? null) : null,
      };
    }),
  );
}

export function comparisonTable(): DataTable {
  return {
    columns: [
      textColumn("model", "model"),
      textColumn("task", "predicting"),
      decColumn("randomAccuracy", "accuracy, random split", 3),
      decColumn("groupedAccuracy", "accuracy, track-grouped split", 3),
      decColumn("gap", "difference", 3),
      decColumn("randomMacroF1", "macro F1, random split", 3),
      decColumn("groupedMacroF1", "macro F1, track-grouped split", 3),
      decColumn("seedAccuracy", "seed's reported accuracy", 3),
    ],
    rows: comparisonRows(),
  };
}

/** What each grid searched here, and what the seed searched. */
export function gridsTable(
  seedGrids: Record<
    string,
    { grid: Readonly<Record<string, readonly (number | string | null)[]>>; folds: number }
  >,
): DataTable {
  const rows = (["decision-tree", "random-forest"] as const).map((name) => {
    const result = classifier(name);
    const search = result.search;
    if (!search) throw new Error(`${name}.json records no grid search.`);
    const seed = seedGrids[name];
    return {
      model: name.replace("-", " "),
      grid: gridText(search.grid),
      combinations: gridSize(search.grid),
      folds: search.folds,
      rows: search.rows,
      best: paramsText(search.best),
      seconds: searchSeconds(name) ?? null,
      seedGrid: seed ? gridText(seed.grid) : "",
      seedCombinations: seed ? gridSize(seed.grid) : null,
      seedFolds: seed?.folds ?? null,
    };
  });
  return {
    columns: [
      textColumn("model", "model"),
      textColumn("grid", "grid searched here"),
      intColumn("combinations", "combinations"),
      intColumn("folds", "folds"),
      intColumn("rows", "training rows searched"),
      textColumn("best", "best"),
      decColumn("seconds", "seconds", 1),
      textColumn("seedGrid", "grid the seed searched"),
      intColumn("seedCombinations", "seed's combinations"),
      intColumn("seedFolds", "seed's folds"),
    ],
    rows,
  };
}

export function versionsTable(
  versions: { tool: string; role: string; declared: string; installed: string }[],
): DataTable {
  return {
    columns: [
      textColumn("tool", "package"),
      textColumn("role", "used for"),
      textColumn("declared", "declared range"),
      textColumn("installed", "installed version"),
    ],
    rows: versions.map((v) => ({ ...v })),
  };
}

/** The settings this build trimmed to stay within minutes, next to the seed's. */
export function trimmedTable(rows: { setting: string; here: string; seed: string }[]): DataTable {
  return {
    columns: [
      textColumn("setting", "setting"),
      textColumn("here", "this build"),
      textColumn("seed", "the seed"),
    ],
    rows: rows.map((r) => ({ ...r })),
  };
}

/** The genre model against each goal, on both splits: audio only, and with the track's artist and album. */
export function genreGoalsTable(): DataTable {
  const { goals } = genreModelFacts();
  return {
    columns: [
      textColumn("goal", "goal"),
      textColumn("protocol", "split"),
      decColumn("audio", "audio only", 3),
      textColumn("audioMet", "met"),
      decColumn("pooled", "audio + artist/album", 3),
      textColumn("pooledMet", "met"),
    ],
    rows: goals.flatMap((g) =>
      PROTOCOLS.map((protocol) => {
        const [audio, pooled] =
          protocol === "seed-random" ? [g.seedAudio, g.seedPooled] : [g.groupedAudio, g.groupedPooled];
        return {
          goal: `${taskName(g.goal.task)}, ${g.goal.metric} ≥ ${pct(g.goal.threshold, 0)}`,
          protocol: protocolName(protocol),
          audio: audio.value,
          audioMet: audio.met ? "yes" : "no",
          pooled: pooled.value,
          pooledMet: pooled.met ? "yes" : "no",
        };
      }),
    ),
  };
}
