import { describe, expect, it } from "vitest";
import { createContext, protocolInfo } from "../../src/experiments/context.ts";
import { buildLeaderboard, MODEL_LABELS } from "../../src/experiments/leaderboard.ts";
import { EXPERIMENTS } from "../../src/experiments/registry.ts";
import { leaderboardResult } from "../../src/results/leaderboard-schemas.ts";
import { MODEL_RESULT_SCHEMAS } from "../../src/results/registry.ts";
import type { ClassifierResult } from "../../src/results/schemas.ts";
import { PROTOCOLS, type Split } from "../../src/splits/splits.ts";
import { syntheticTable } from "./synthetic-table.ts";

describe("every experiment on a small synthetic table", () => {
  const table = syntheticTable();
  const lines: string[] = [];
  const decisions: { split: Split; purpose: string; rows: Int32Array }[] = [];
  const results = new Map<string, unknown>();
  const context = createContext(table, (line) => lines.push(line), {
    onDecisionRows: (split, purpose, rows) => decisions.push({ split, purpose, rows: Int32Array.from(rows) }),
  });

  /** How many ids (track_ids or recordings) have rows in more than one part of the split. */
  const straddling = (split: Split, ids: readonly string[]) => {
    const side = new Map<string, Set<string>>();
    for (const part of ["train", "validation", "test"] as const) {
      for (const row of split[part]) {
        const id = ids[row] as string;
        side.set(id, (side.get(id) ?? new Set()).add(part));
      }
    }
    return [...side.values()].filter((s) => s.size > 1).length;
  };

  it("keeps each track_id on one side of the grouped splits, each recording on one side of the recording split", () => {
    const [seed, track, recording] = context.splits as [Split, Split, Split];
    expect(context.splits.map((s) => s.protocol)).toEqual([
      "seed-random",
      "track-grouped",
      "recording-grouped",
    ]);
    expect(straddling(track, table.trackId)).toBe(0);
    expect(straddling(recording, table.trackId)).toBe(0);
    expect(straddling(recording, table.recordingId)).toBe(0);
    // The synthetic re-releases put one recording under two track_ids: grouping by track_id alone lets it straddle.
    expect(straddling(track, table.recordingId)).toBeGreaterThan(0);
    expect(straddling(seed, table.trackId)).toBeGreaterThan(0);
    const leak = context.splits.map((s) => protocolInfo(s));
    expect(leak.map((p) => p.testRowsWithTrackIdInTrain > 0)).toEqual([true, false, false]);
    expect(leak.map((p) => p.testRowsWithRecordingInTrain > 0)).toEqual([true, true, false]);
  });

  it.each(EXPERIMENTS.map((e) => [e.name, e] as const))(
    "%s produces a result its schema accepts",
    async (name, experiment) => {
      // Registry order runs every experiment after those it needs; their predictions are in the shared context.
      const result = await experiment.run(context, context.heldOut);
      results.set(name, result);
      const parsed = MODEL_RESULT_SCHEMAS[name].safeParse(result);
      expect(parsed.success, JSON.stringify(parsed.error?.issues.slice(0, 3))).toBe(true);
      expect(experiment.describe(result as never)).not.toBe("");
      if ("evaluations" in (result as object) && name !== "energy-regression") {
        const classifier = result as ClassifierResult;
        for (const evaluation of classifier.evaluations) {
          const { confusion, accuracy, classes } = evaluation.test;
          // Accuracy recomputed from the confusion matrix: the trace over the total.
          const total = confusion.flat().reduce((a, b) => a + b, 0);
          const trace = confusion.reduce((a, row, i) => a + (row[i] as number), 0);
          expect(total).toBe(evaluation.protocol.test);
          expect(accuracy).toBeCloseTo(trace / total, 12);
          expect(confusion).toHaveLength(classes.length);
        }
        // Three super-genres with well separated means: every classifier beats the majority class (1/3).
        const best = Math.max(
          ...classifier.evaluations.filter((e) => e.task === "super-genre").map((e) => e.test.accuracy),
        );
        expect(best).toBeGreaterThan(0.5);
      }
    },
    120_000,
  );

  // Runs after every experiment above: each search, early stop, encoder and combiner reported its rows.
  it("made no choice inside a protocol on that protocol's test rows, or on rows sharing a group with them", () => {
    const leaks = decisions.flatMap(({ split, purpose, rows }) => {
      const testRows = new Set(split.test);
      const testGroups = new Set(Array.from(split.test, (row) => split.groups?.[row]));
      const testRecordings = new Set(Array.from(split.test, (row) => table.recordingId[row]));
      const bad = Array.from(rows).filter(
        (row) =>
          testRows.has(row) ||
          (split.groups !== null && testGroups.has(split.groups[row])) ||
          (split.protocol === "recording-grouped" && testRecordings.has(table.recordingId[row])),
      );
      return bad.length > 0 ? [`${split.protocol} ${purpose}: ${bad.length} rows`] : [];
    });
    expect(leaks).toEqual([]);
    // Every protocol's searches and early stops did report (a choice that reported nothing would pass unseen).
    for (const protocol of PROTOCOLS) {
      const purposes = new Set(decisions.filter((d) => d.split.protocol === protocol).map((d) => d.purpose));
      for (const expected of [
        "tree grid search",
        "forest grid search",
        "nn search: training sample",
        "gradient boosting early stopping (super-genre)",
        "gradient boosting early stopping (genre)",
      ])
        expect(purposes, protocol).toContain(expected);
      expect(
        [...purposes].some((p) => /^nn .*: validation$/.test(p)),
        protocol,
      ).toBe(true);
      expect(purposes, protocol).toContain("genre model: smoothing and combiner");
    }
  });

  it("ranks every classifier on both tasks and every protocol in a leaderboard its schema accepts", () => {
    const board = leaderboardResult.parse(buildLeaderboard(results));
    const models = [...new Set(board.rows.map((r) => r.model))];
    expect(models).toEqual(Object.keys(MODEL_LABELS));
    for (const model of models) {
      const rows = board.rows.filter((r) => r.model === model);
      // The genre forest's 114-genre row would repeat the random forest's 114-genre forest.
      const tasks = model === "genre-forest" ? ["super-genre-10"] : ["genre-114", "super-genre-10"];
      expect(rows.map((r) => `${r.task} ${r.protocol}`).sort()).toEqual(
        tasks.flatMap((t) => PROTOCOLS.map((p) => `${t} ${p}`)).sort(),
      );
    }
    for (const r of board.rows) {
      expect(r.top5Accuracy === null).toBe(r.task === "super-genre-10");
      expect(r.features).toBe(r.model === "genre-model" ? "audio+artist-album" : "audio");
    }
    // The forest's rows are its own result's figures.
    const forest = results.get("random-forest") as ClassifierResult;
    for (const e of forest.evaluations) {
      const r = board.rows.find(
        (x) =>
          x.model === "random-forest" &&
          x.protocol === e.protocol.protocol &&
          x.task === (e.task === "genre" ? "genre-114" : "super-genre-10"),
      );
      expect(r?.accuracy).toBe(e.test.accuracy);
      expect(r?.testRows).toBe(e.protocol.test);
    }
    // The best audio-only row per task and protocol is the highest of those rows, never the artist/album model.
    expect(board.best).toHaveLength(6);
    for (const b of board.best) {
      const audio = board.rows.filter(
        (r) => r.task === b.task && r.protocol === b.protocol && r.features === "audio",
      );
      expect(b.accuracy).toBe(Math.max(...audio.map((r) => r.accuracy)));
      expect(b.model).not.toBe("genre-model");
    }
  });

  it("reports progress as it goes", () => {
    expect(lines.some((l) => l.includes("grid search"))).toBe(true);
    expect(lines.some((l) => /random forest: \d+\/200 trees/.test(l))).toBe(true);
  });
});

describe("the saved models", () => {
  it("predict the test rows exactly as the evaluated models did", async () => {
    const { runDecisionTree } = await import("../../src/experiments/decision-tree.ts");
    const { runLogisticRegression } = await import("../../src/experiments/logistic-regression.ts");
    const { designMatrix } = await import("../../src/features/design.ts");
    const { TreeModel } = await import("../../src/tree/index.ts");
    const { MODEL_RESULT_SCHEMAS: schemas } = await import("../../src/results/registry.ts");
    const table = syntheticTable(60, 2);
    const context = createContext(table);
    const [split] = context.splits;
    if (!split) throw new Error("no split");
    const truth = Int32Array.from(split.test, (row) => context.tasks.superGenre.labels[row] as number);
    const confusionOf = (predicted: number[], k: number) => {
      const m = Array.from({ length: k }, () => new Array<number>(k).fill(0));
      predicted.forEach((p, i) => {
        (m[truth[i] as number] as number[])[p] = ((m[truth[i] as number] as number[])[p] as number) + 1;
      });
      return m;
    };

    const logistic = await runLogisticRegression(context);
    const savedLogistic = schemas["model-logistic-super-genre"].parse(
      context.exports.get("model-logistic-super-genre"),
    );
    // Independent prediction from the saved parameters: one-hot, scale, then argmax of W·x + b.
    const X = designMatrix(
      table,
      { oneHot: savedLogistic.oneHot as never, raw: savedLogistic.raw as never },
      split.test,
    );
    const k = savedLogistic.classes.length;
    const predicted = Array.from({ length: X.rows }, (_, i) => {
      const x = Array.from({ length: X.cols }, (_, j) => {
        const value = X.data[i * X.cols + j] as number;
        return (value - (savedLogistic.scaler.mean[j] as number)) / (savedLogistic.scaler.scale[j] as number);
      });
      const scores = Array.from(
        { length: k },
        (_, c) =>
          (savedLogistic.intercepts[c] as number) +
          x.reduce((sum, v, j) => sum + v * (savedLogistic.coefficients[c * X.cols + j] as number), 0),
      );
      return scores.indexOf(Math.max(...scores));
    });
    const seedEvaluation = logistic.evaluations.find((e) => e.protocol.protocol === "seed-random");
    expect(confusionOf(predicted, k)).toEqual(seedEvaluation?.test.confusion);

    const tree = await runDecisionTree(context);
    const savedTree = schemas["model-decision-tree-super-genre"].parse(
      context.exports.get("model-decision-tree-super-genre"),
    );
    const rawX = designMatrix(table, { oneHot: [], raw: savedTree.features as never }, split.test);
    const treePredictions = Array.from(TreeModel.fromJSON(savedTree.tree).predict(rawX));
    const treeEvaluation = tree.evaluations.find(
      (e) => e.protocol.protocol === "seed-random" && e.task === "super-genre",
    );
    expect(confusionOf(treePredictions, savedTree.classes.length)).toEqual(treeEvaluation?.test.confusion);
  }, 60_000);
});

describe("the exported boosted trees", () => {
  it("state the accuracy of the model as the browser decodes it (float32 leaves), within 1e-5 of the trained one", async () => {
    const { runGradientBoosting } = await import("../../src/experiments/gradient-boosting.ts");
    const { boostedPredictor } = await import("../../src/boosting/boosted-inference.ts");
    const { designMatrix } = await import("../../src/features/design.ts");
    const { MODEL_RESULT_SCHEMAS: schemas } = await import("../../src/results/registry.ts");
    const table = syntheticTable(60, 2);
    const context = createContext(table);
    await runGradientBoosting(context);
    for (const [name, task] of [
      ["model-boosting-super-genre", context.tasks.superGenre],
      ["model-boosting-genre", context.tasks.genre],
    ] as const) {
      const saved = schemas[name].parse(context.exports.get(name));
      expect(saved.model.valueType).toBe("float32");
      const split = context.splits.find((s) => s.protocol === saved.protocol);
      if (!split) throw new Error(saved.protocol);
      const X = designMatrix(table, { oneHot: [], raw: saved.features as never }, split.test);
      const predict = boostedPredictor(saved);
      const trained = context.heldOut.find(
        (h) => h.model === "gradient-boosting" && h.task === task.id && h.protocol === split.protocol,
      );
      const k = saved.classes.length;
      let hits = 0;
      let largestGap = 0;
      for (let i = 0; i < X.rows; i++) {
        const row = Object.fromEntries(saved.features.map((f, j) => [f, X.data[i * X.cols + j] as number]));
        const p = Array.from(predict(row));
        // The first largest probability, as everywhere in the report.
        if (p.indexOf(Math.max(...p)) === task.labels[split.test[i] as number]) hits++;
        p.forEach((v, c) => {
          largestGap = Math.max(largestGap, Math.abs(v - (trained?.test[i * k + c] as number)));
        });
      }
      expect(saved.testAccuracy).toBe(hits / X.rows);
      expect(largestGap).toBeLessThan(1e-5);
    }
  }, 60_000);
});

describe("determinism", () => {
  it("gives byte-identical results for the same data and seeds", async () => {
    const run = async () => {
      const context = createContext(syntheticTable(40, 3));
      const out: string[] = [];
      for (const experiment of EXPERIMENTS)
        out.push(JSON.stringify(await experiment.run(context, context.heldOut)));
      return out;
    };
    const [first, second] = [await run(), await run()];
    expect(second).toEqual(first);
  }, 120_000);
});
