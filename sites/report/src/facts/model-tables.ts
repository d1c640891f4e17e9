import type { LeaderboardRow } from "@spotiflies/models/results";
import { modelResult } from "../data/models.ts";
import { decColumn, intColumn, sigColumn, textColumn } from "../figures/columns.ts";
import type { DataTable } from "../figures/types.ts";
import { pct } from "../site/format.ts";
import { GENRE_MODEL_NAMES, genreModelFacts } from "./genre-model.ts";
import {
  classifier,
  evaluation,
  gridSize,
  gridText,
  HEADLINE,
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

/** How the report names each leaderboard model mid-sentence. */
export const COMPARED_MODEL_LABELS: Record<string, string> = {
  "logistic-regression": "logistic regression",
  "decision-tree": "decision tree",
  "random-forest": "random forest",
  "gradient-boosting": "gradient-boosted trees",
  "knn-raw": "KNN, unscaled",
  "knn-scaled": "KNN, scaled",
  "neural-network": "neural network",
  // Their members are named where the comparing-models chapter introduces them.
  ensemble: "soft vote",
  "stacked-ensemble": "stacked ensemble",
  "genre-forest": `genre forest, ${GENRE_MODEL_NAMES.audio}`,
};

const LEADERBOARD_TASKS = { "super-genre-10": "super-genre", "genre-114": "genre" } as const;

/** The seed's reported super-genre test accuracy for a leaderboard model, where it reported one. */
function seedAccuracy(model: string): number | null {
  const result: Record<string, () => number | undefined> = {
    "logistic-regression": () => classifier("logistic-regression").seed.testAccuracy,
    "decision-tree": () => classifier("decision-tree").seed.testAccuracy,
    "random-forest": () => classifier("random-forest").seed.testAccuracy,
    "knn-raw": () => classifier("knn").seed.testAccuracy,
    "neural-network": () => neuralNetwork().seed.testAccuracy,
  };
  return result[model]?.() ?? null;
}

/**
 * Every audio-only model of the leaderboard (leaderboard.json) on each task, with its test accuracy on the three
 * protocols and the points each leak is worth: random → track-grouped (copies of a track_id), track-grouped →
 * recording-grouped (the same recording under another track_id). The genre model pooled with artist and album
 * reads other columns and is compared in its own section.
 */
export function comparisonRows() {
  const board = modelResult("leaderboard");
  const { fits } = modelResult("models-build-log");
  if (!fits) throw new Error("models-build-log.json records no fit timings: rebuild the models.");
  const audio = board.rows.filter((r) => r.features === "audio");
  const keys = [...new Set(audio.map((r) => `${r.model}|${r.task}`))];
  return keys.map((key) => {
    const [model, task] = key.split("|") as [string, keyof typeof LEADERBOARD_TASKS];
    const on = (protocol: Protocol) => {
      const found = audio.find((r) => r.model === model && r.task === task && r.protocol === protocol);
      if (!found) throw new Error(`leaderboard.json has no ${protocol} row for ${model} on ${task}.`);
      return found;
    };
    const [random, track, recording] = PROTOCOLS.map(on) as [LeaderboardRow, LeaderboardRow, LeaderboardRow];
    const label = COMPARED_MODEL_LABELS[model];
    if (!label) throw new Error(`The report has no name for the leaderboard's model ${model}.`);
    const t = LEADERBOARD_TASKS[task];
    return {
      id: model,
      model: label,
      task: taskName(t),
      randomAccuracy: random.accuracy,
      trackAccuracy: track.accuracy,
      headlineAccuracy: recording.accuracy,
      /** Points lost to each correction, and in all. */
      trackLeak: random.accuracy - track.accuracy,
      recordingLeak: track.accuracy - recording.accuracy,
      gap: random.accuracy - recording.accuracy,
      randomMacroF1: random.macroF1,
      headlineMacroF1: recording.macroF1,
      headlineTop5: recording.top5Accuracy,
      /** Seconds to fit on the recording-grouped split in this build (none for models pooled from others). */
      headlineFitSeconds:
        fits.find((f) => f.model === model && f.task === task && f.protocol === HEADLINE)?.seconds ?? null,
      seedAccuracy: t === "super-genre" ? seedAccuracy(model) : null,
    };
  });
}

export function comparisonTable(): DataTable {
  return {
    columns: [
      textColumn("model", "model"),
      textColumn("task", "predicting"),
      decColumn("randomAccuracy", "accuracy, random split", 3),
      decColumn("trackAccuracy", "accuracy, track-grouped split", 3),
      decColumn("headlineAccuracy", "accuracy, recording-grouped split", 3),
      decColumn("trackLeak", "lost: random → track", 3),
      decColumn("recordingLeak", "lost: track → recording", 3),
      decColumn("headlineMacroF1", "macro F1, recording-grouped split", 3),
      decColumn("headlineFitSeconds", "seconds to fit, recording-grouped split", 1),
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

/** The genre model against each goal, on the random and the recording-grouped split: audio only, and with the track's artist and album. */
/**
 * The best audio-only figure any leaderboard model reaches for a goal's task and metric on one protocol, and
 * that model's name.
 */
export function bestAudioFor(
  goal: { task: Task; metric: "top-1" | "top-5" },
  protocol: Protocol,
): { model: string; value: number } {
  const board = modelResult("leaderboard");
  const task = goal.task === "super-genre" ? "super-genre-10" : "genre-114";
  const candidates = board.rows
    .filter((r) => r.features === "audio" && r.task === task && r.protocol === protocol)
    .map((r) => ({ id: r.model, value: goal.metric === "top-1" ? r.accuracy : r.top5Accuracy }))
    .filter((r): r is { id: string; value: number } => r.value !== null);
  const best = candidates.reduce<(typeof candidates)[number] | undefined>(
    (a, r) => (a && a.value >= r.value ? a : r),
    undefined,
  );
  if (!best) throw new Error(`leaderboard.json has no audio-only ${task} row on ${protocol}.`);
  return { model: COMPARED_MODEL_LABELS[best.id] ?? best.id, value: best.value };
}

/** For each goal, the best figure any audio-only model of the report reaches on `protocol`, and whether it meets it. */
export function bestAudioForGoals(protocol: Protocol) {
  return genreModelFacts().goals.map(({ goal }) => {
    const best = bestAudioFor(goal, protocol);
    return { goal, ...best, met: best.value >= goal.threshold };
  });
}

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
      decColumn("bestAudio", "best audio-only model", 4),
      textColumn("bestAudioModel", "which"),
      textColumn("bestAudioMet", "met"),
    ],
    rows: goals.flatMap((g) =>
      (["seed-random", HEADLINE] as const).map((protocol) => {
        const [audio, pooled] =
          protocol === "seed-random" ? [g.seedAudio, g.seedPooled] : [g.groupedAudio, g.groupedPooled];
        const best = bestAudioFor(g.goal, protocol);
        return {
          goal: `${taskName(g.goal.task)}, ${g.goal.metric} ≥ ${pct(g.goal.threshold, 0)}`,
          protocol: protocolName(protocol),
          audio: audio.value,
          audioMet: audio.met ? "yes" : "no",
          pooled: pooled.value,
          pooledMet: pooled.met ? "yes" : "no",
          bestAudio: best.value,
          bestAudioModel: best.model,
          bestAudioMet: best.value >= g.goal.threshold ? "yes" : "no",
        };
      }),
    ),
  };
}
