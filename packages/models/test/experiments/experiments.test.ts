import { describe, expect, it } from "vitest";
import { createContext } from "../../src/experiments/context.ts";
import { EXPERIMENTS } from "../../src/experiments/registry.ts";
import { MODEL_RESULT_SCHEMAS } from "../../src/results/registry.ts";
import type { ClassifierResult } from "../../src/results/schemas.ts";
import { syntheticTable } from "./synthetic-table.ts";

describe("every experiment on a small synthetic table", () => {
  const table = syntheticTable();
  const lines: string[] = [];
  const context = createContext(table, (line) => lines.push(line));

  it("keeps each track_id on one side of the leakage-free split, and lets the seed split straddle", () => {
    const [seed, grouped] = context.splits;
    const sideOf = (split: NonNullable<typeof grouped>) => {
      const side = new Map<string, Set<string>>();
      for (const part of ["train", "validation", "test"] as const) {
        for (const row of split[part]) {
          const id = table.trackId[row] as string;
          side.set(id, (side.get(id) ?? new Set()).add(part));
        }
      }
      return [...side.values()].filter((s) => s.size > 1).length;
    };
    expect(sideOf(grouped as never)).toBe(0);
    expect(sideOf(seed as never)).toBeGreaterThan(0);
  });

  it.each(EXPERIMENTS.map((e) => [e.name, e] as const))(
    "%s produces a result its schema accepts",
    async (name, experiment) => {
      const result = await experiment.run(context);
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

describe("determinism", () => {
  it("gives byte-identical results for the same data and seeds", async () => {
    const run = async () => {
      const context = createContext(syntheticTable(40, 3));
      const out: string[] = [];
      for (const experiment of EXPERIMENTS) out.push(JSON.stringify(await experiment.run(context)));
      return out;
    };
    const [first, second] = [await run(), await run()];
    expect(second).toEqual(first);
  }, 120_000);
});
