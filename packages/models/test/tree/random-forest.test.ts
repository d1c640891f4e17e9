import { describe, expect, it } from "vitest";
import { take, takeRows } from "../../src/matrix.ts";
import { accuracy } from "../../src/metrics/index.ts";
import { ForestModel } from "../../src/tree/forest-model.ts";
import { type ForestProgress, RandomForestClassifier } from "../../src/tree/random-forest.ts";
import { blobs } from "./fixtures.ts";

// Five overlapping Gaussian blobs in 4-D; first 1000 rows train, last 1000 test.
const all = blobs(5, 2000, 4, 5);
const idx = (from: number) => Int32Array.from({ length: 1000 }, (_, i) => from + i);
const Xtr = takeRows(all.X, idx(0));
const ytr = take(all.y, idx(0));
const Xte = takeRows(all.X, idx(1000));
const yte = take(all.y, idx(1000));

describe("RandomForestClassifier", () => {
  it("is deterministic and independent of the number of workers", async () => {
    const fit = (workers: number) =>
      new RandomForestClassifier({ nEstimators: 12, maxDepth: 8, randomState: 7, workers }).fit(Xtr, ytr, 5);
    const one = JSON.stringify((await fit(1)).toJSON());
    expect(JSON.stringify((await fit(1)).toJSON())).toBe(one);
    expect(JSON.stringify((await fit(2)).toJSON())).toBe(one);
    expect(JSON.stringify((await fit(3)).toJSON())).toBe(one);
    const other = new RandomForestClassifier({ nEstimators: 12, maxDepth: 8, randomState: 8, workers: 1 });
    expect(JSON.stringify((await other.fit(Xtr, ytr, 5)).toJSON())).not.toBe(one);
  }, 120_000);

  it("is accurate on separable classes, like sklearn", async () => {
    const progress: ForestProgress[] = [];
    const forest = await new RandomForestClassifier({
      nEstimators: 50,
      randomState: 1,
      oobScore: true,
      workers: 2,
      onProgress: (p) => progress.push(p),
    }).fit(Xtr, ytr, 5);
    const acc = accuracy(yte, forest.predict(Xte));
    // sklearn 1.2.1, RandomForestClassifier(n_estimators=50, random_state=0..9, oob_score=True) on these rows:
    // test accuracy 0.681 ± 0.008, OOB 0.681 ± 0.007, importances ≈ [0.251, 0.199, 0.270, 0.279]. Chance is 0.2.
    expect(acc).toBeGreaterThan(0.64);
    expect(acc).toBeLessThan(0.72);
    expect(forest.oobScore).toBeGreaterThan(0.63);
    expect(forest.oobScore).toBeLessThan(0.73);
    expect(accuracy(ytr, forest.predict(Xtr))).toBeGreaterThan(0.99);
    const imp = forest.featureImportances;
    expect(imp.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    for (const [i, v] of [0.251, 0.199, 0.27, 0.279].entries())
      expect(Math.abs((imp[i] as number) - v)).toBeLessThan(0.04);
    expect(progress).toHaveLength(50);
    expect(progress.at(-1)).toEqual({ treesDone: 50, nEstimators: 50 });
    const proba = forest.predictProba(Xte);
    for (let i = 0; i < Xte.rows; i++) {
      const row = proba.subarray(i * 5, i * 5 + 5);
      expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    }
  }, 120_000);

  it("averages the trees' leaf distributions and round-trips through JSON", async () => {
    const forest = await new RandomForestClassifier({ nEstimators: 5, maxDepth: 4, workers: 1 }).fit(
      Xtr,
      ytr,
      5,
    );
    const proba = forest.predictProba(Xte);
    const mean = new Float64Array(proba.length);
    for (const t of forest.model.trees) t.addProbaInto(Xte, mean);
    expect(proba).toEqual(mean.map((v) => v / 5));
    const loaded = RandomForestClassifier.fromJSON(JSON.parse(JSON.stringify(forest.toJSON())));
    expect(loaded.predictProba(Xte)).toEqual(proba);
    expect(ForestModel.fromJSON(forest.toJSON()).featureImportances).toEqual(forest.featureImportances);
  });

  it("fits every row without bootstrap, and refuses OOB then", async () => {
    const forest = await new RandomForestClassifier({
      nEstimators: 3,
      bootstrap: false,
      maxFeatures: null,
      workers: 1,
    }).fit(Xtr, ytr, 5);
    // No sampling at all: every tree is the same full tree.
    const trees = forest.toJSON().trees;
    expect(trees[1]).toEqual(trees[0]);
    await expect(
      new RandomForestClassifier({ bootstrap: false, oobScore: true, workers: 1 }).fit(Xtr, ytr, 5),
    ).rejects.toThrow(/bootstrap/);
  });
});
