import { describe, expect, it } from "vitest";
import { createContext } from "../../src/experiments/context.ts";
import { FOREST_TREES, GENRE_FOREST_TREES, runRandomForest } from "../../src/experiments/random-forest.ts";
import { designMatrix } from "../../src/features/design.ts";
import { exportedForest } from "../../src/results/export-schemas.ts";
import { CompactForest } from "../../src/tree/forest-inference.ts";
import { syntheticTable } from "./synthetic-table.ts";

describe("runRandomForest", () => {
  const table = syntheticTable(60, 5);
  const context = createContext(table);
  const running = runRandomForest(context);

  it("fits the super-genre forest and a smaller genre forest on every protocol", async () => {
    const result = await running;
    expect(
      result.evaluations.map((e) => `${e.protocol.protocol} ${e.task} ${e.chosen?.n_estimators}`),
    ).toEqual([
      `seed-random super-genre ${FOREST_TREES}`,
      `seed-random genre ${GENRE_FOREST_TREES}`,
      `track-grouped super-genre ${FOREST_TREES}`,
      `track-grouped genre ${GENRE_FOREST_TREES}`,
      `recording-grouped super-genre ${FOREST_TREES}`,
      `recording-grouped genre ${GENRE_FOREST_TREES}`,
    ]);
    // The genre forest grows at the depth the super-genre search chose on the same protocol.
    expect(result.evaluations[1]?.chosen?.max_depth).toBe(result.evaluations[0]?.chosen?.max_depth);
    expect(result.evaluations[3]?.chosen?.max_depth).toBe(result.evaluations[2]?.chosen?.max_depth);
    expect(result.evaluations[5]?.chosen?.max_depth).toBe(result.evaluations[4]?.chosen?.max_depth);
    expect(result.description).toContain(`a forest of ${GENRE_FOREST_TREES} trees at the same depth`);
  }, 120_000);

  it("saves the seed protocol's super-genre forest, which predicts the test rows as evaluated", async () => {
    const result = await running;
    const saved = exportedForest.parse(
      JSON.parse(JSON.stringify(context.exports.get("model-forest-super-genre"))),
    );
    const evaluation = result.evaluations[0];
    const [split] = context.splits;
    if (!evaluation || !split) throw new Error("missing evaluation or split");
    expect(saved.trees).toBe(FOREST_TREES);
    expect(saved.testAccuracy).toBe(evaluation.test.accuracy);
    const X = designMatrix(table, { oneHot: [], raw: saved.features as never }, split.test);
    const predicted = CompactForest.decode(saved.forest).predict(X.data, X.rows);
    // The confusion matrix rebuilt from the decoded forest's predictions is the evaluated one.
    const k = saved.classes.length;
    const confusion = Array.from({ length: k }, () => new Array<number>(k).fill(0));
    split.test.forEach((row, i) => {
      const truth = context.tasks.superGenre.labels[row] as number;
      const counts = confusion[truth] as number[];
      const p = predicted[i] as number;
      counts[p] = (counts[p] as number) + 1;
    });
    expect(confusion).toEqual(evaluation.test.confusion);
  }, 120_000);
});
