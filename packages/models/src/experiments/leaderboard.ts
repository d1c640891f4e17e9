import type { EnsembleResult } from "../results/ensemble-schemas.ts";
import type { GenreModelResult } from "../results/genre-model-schemas.ts";
import type { LeaderboardResult, LeaderboardRow } from "../results/leaderboard-schemas.ts";
import type { NeuralNetworkResult } from "../results/nn-schemas.ts";
import type { ClassificationMetrics, ClassifierResult } from "../results/schemas.ts";
import { PROTOCOLS, type ProtocolName } from "../splits/splits.ts";

/** The name the report gives each leaderboard model. */
export const MODEL_LABELS: Record<string, string> = {
  "logistic-regression": "Logistic regression",
  "decision-tree": "Decision tree",
  "random-forest": "Random forest",
  "gradient-boosting": "Gradient-boosted trees",
  "knn-raw": "KNN (k = 5, raw features)",
  "knn-scaled": "KNN (k = 5, scaled features)",
  "neural-network": "Neural network",
  // On the super-genres the ensembles also take the 114-genre forest and boosted trees, summed.
  ensemble: "Soft vote (forest, boosted trees, network)",
  "stacked-ensemble": "Stacked ensemble (forest, boosted trees, network)",
  "genre-forest": "114-genre forest (summed into super-genres)",
  "genre-model": "Genre model (audio + artist/album)",
};

const TASKS = { "super-genre": "super-genre-10", genre: "genre-114" } as const;

function row(
  model: string,
  source: string,
  task: keyof typeof TASKS,
  protocol: ProtocolName,
  features: LeaderboardRow["features"],
  test: ClassificationMetrics,
): LeaderboardRow {
  const label = MODEL_LABELS[model];
  if (!label) throw new Error(`the leaderboard has no name for model ${model}`);
  const top5 = test.topK.find((t) => t.k === 5)?.accuracy;
  return {
    model,
    label,
    source,
    task: TASKS[task],
    protocol,
    features,
    accuracy: test.accuracy,
    top5Accuracy: task === "genre" ? (top5 ?? null) : null,
    macroF1: test.macro.f1,
    testRows: test.confusion.flat().reduce((a, b) => a + b, 0),
  };
}

/**
 * The leaderboard from the experiments' results (those that ran: `--only` builds a partial one). One row per
 * model, task, protocol and feature set, in a fixed order: task, then protocol, then the models' order below.
 */
export function buildLeaderboard(results: ReadonlyMap<string, unknown>): LeaderboardResult {
  const rows: LeaderboardRow[] = [];
  for (const name of [
    "logistic-regression",
    "decision-tree",
    "random-forest",
    "gradient-boosting",
  ] as const) {
    const result = results.get(name) as ClassifierResult | undefined;
    for (const e of result?.evaluations ?? [])
      rows.push(row(name, name, e.task, e.protocol.protocol, "audio", e.test));
  }
  const knn = results.get("knn") as ClassifierResult | undefined;
  for (const e of knn?.evaluations ?? []) {
    const model = e.chosen?.scaling === "standard" ? "knn-scaled" : "knn-raw";
    rows.push(row(model, "knn", e.task, e.protocol.protocol, "audio", e.test));
  }
  const network = results.get("neural-network") as NeuralNetworkResult | undefined;
  for (const e of network?.evaluations ?? [])
    rows.push(row("neural-network", "neural-network", e.task, e.protocol.protocol, "audio", e.test));
  const ensemble = results.get("ensemble") as EnsembleResult | undefined;
  for (const e of ensemble?.evaluations ?? [])
    rows.push(
      row("ensemble", "ensemble", e.task, e.protocol.protocol, "audio", e.test),
      row("stacked-ensemble", "ensemble", e.task, e.protocol.protocol, "audio", e.stack.test),
    );
  const genreModel = results.get("genre-model") as GenreModelResult | undefined;
  for (const p of genreModel?.protocols ?? []) {
    for (const e of p.evaluations) {
      const audio = e.model === "audio";
      // On the 114 genres the genre model's audio forest is the random-forest experiment's 114-genre forest,
      // handed on: its row is already there.
      if (audio && e.task === "genre") continue;
      rows.push(
        row(
          audio ? "genre-forest" : "genre-model",
          "genre-model",
          e.task,
          p.protocol.protocol,
          audio ? "audio" : "audio+artist-album",
          e.test,
        ),
      );
    }
  }
  const taskOrder = ["super-genre-10", "genre-114"];
  const modelOrder = Object.keys(MODEL_LABELS);
  rows.sort(
    (a, b) =>
      taskOrder.indexOf(a.task) - taskOrder.indexOf(b.task) ||
      PROTOCOLS.indexOf(a.protocol) - PROTOCOLS.indexOf(b.protocol) ||
      modelOrder.indexOf(a.model) - modelOrder.indexOf(b.model),
  );
  const best: LeaderboardResult["best"] = [];
  for (const task of taskOrder as LeaderboardRow["task"][]) {
    for (const protocol of PROTOCOLS) {
      const audio = rows.filter((r) => r.task === task && r.protocol === protocol && r.features === "audio");
      // Ties go to the model listed first.
      const top = audio.reduce<LeaderboardRow | undefined>(
        (a, r) => (a && a.accuracy >= r.accuracy ? a : r),
        undefined,
      );
      if (top) best.push({ task, protocol, model: top.model, accuracy: top.accuracy });
    }
  }
  return { rows, best };
}
