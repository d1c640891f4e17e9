import { describe, expect, it } from "vitest";
import { BoostedModel } from "../../src/boosting/boosted-model.ts";
import { HistGradientBoostingClassifier, shouldStop } from "../../src/boosting/hist-gradient-boosting.ts";
import { argmaxRows } from "../../src/evaluate/classification.ts";
import { matrix, take, takeRows } from "../../src/matrix.ts";
import { accuracy } from "../../src/metrics/index.ts";
import { blobs } from "../tree/fixtures.ts";

/** 600 rows, 3 features of at most 200 distinct values each (so both binnings cut at every midpoint), 4 classes. */
function formulaRows() {
  const n = 600;
  const X = matrix(n, 3);
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const x0 = ((i * 7919) % 200) / 10;
    const x1 = ((i * 104729) % 97) / 9.7;
    const x2 = i % 13;
    X.data.set([x0, x1, x2], i * 3);
    y[i] = (Math.trunc(x0 * 1.3 + x1 * 0.7 + (x2 % 5)) + ((i * 31) % 3 === 0 ? 1 : 0)) % 4;
  }
  return { X, y };
}

describe("HistGradientBoostingClassifier", () => {
  it("takes one Newton step per leaf: a hand-checked two-class, one-split case", async () => {
    // Baseline log(½) − mean = 0 for both classes, so p = ½, class 0's gradients −½ (rows of class 0) and +½,
    // hessians ¼. The only useful split is x ≤ 2.5: left G = −1, H = ½ → value −G/H = 2; right −2. Class 1
    // mirrors it. Row 0's raw scores are (2, −2): p₀ = 1 / (1 + e⁻⁴).
    const X = matrix(4, 1, Float64Array.from([1, 2, 3, 4]));
    const y = Int32Array.from([0, 0, 1, 1]);
    const model = await new HistGradientBoostingClassifier({
      learningRate: 1,
      maxIter: 1,
      maxLeafNodes: 2,
      minSamplesLeaf: 1,
      threads: 1,
    }).fit(X, y, 2);
    const flat = model.model.flat;
    expect(Array.from(flat.feature)).toEqual([0, -1, -1, 0, -1, -1]);
    expect(Array.from(flat.threshold.filter((_, j) => flat.feature[j] === 0))).toEqual([2.5, 2.5]);
    expect(Array.from(flat.value)).toEqual([0, 2, -2, 0, -2, 2].map((v) => expect.closeTo(v, 12)));
    const p = model.predictProba(X);
    expect(p[0]).toBeCloseTo(1 / (1 + Math.exp(-4)), 12);
    expect(p[7]).toBeCloseTo(1 / (1 + Math.exp(-4)), 12);
  });

  it("matches scikit-learn's HistGradientBoostingClassifier on a fixed problem", async () => {
    const { X, y } = formulaRows();
    const model = await new HistGradientBoostingClassifier({
      learningRate: 0.3,
      maxIter: 15,
      maxLeafNodes: 8,
      minSamplesLeaf: 5,
      threads: 1,
    }).fit(X, y, 4);
    // sklearn 1.2.1: HistGradientBoostingClassifier(learning_rate=0.3, max_iter=15, max_leaf_nodes=8,
    // min_samples_leaf=5, early_stopping=False).fit(X, y) on the same rows; predict_proba of these rows.
    const sklearn: Record<number, number[]> = {
      0: [0.1865422457, 0.5959175555, 0.1537130762, 0.0638271225],
      1: [0.1679307918, 0.5854423463, 0.1198312097, 0.1267956522],
      2: [0.3704039684, 0.2814159942, 0.1615483735, 0.186631664],
      3: [0.5144611787, 0.0776882804, 0.183819549, 0.2240309919],
      97: [0.1569280767, 0.0539312596, 0.1137858303, 0.6753548335],
      598: [0.3978073605, 0.2064016275, 0.1105987999, 0.2851922122],
      599: [0.0975772678, 0.4511918659, 0.0733262278, 0.3779046385],
    };
    const p = model.predictProba(X);
    for (const [row, expected] of Object.entries(sklearn)) {
      const i = Number(row);
      expect(Array.from(p.subarray(i * 4, i * 4 + 4)), `row ${i}`).toEqual(
        expected.map((v) => expect.closeTo(v, 6)),
      );
    }
    expect(accuracy(y, argmaxRows(p, 4))).toBeCloseTo(0.7316666666666667, 10);
  });

  it("gives the same model in one thread and in worker threads, and predicts on raw values as it trained on bins", async () => {
    const all = blobs(5, 1500, 4, 5);
    const rows = Int32Array.from({ length: 1000 }, (_, i) => i);
    const X = takeRows(all.X, rows);
    const y = take(all.y, rows);
    const fit = (threads: number) =>
      new HistGradientBoostingClassifier({ maxIter: 12, maxLeafNodes: 15, threads }).fit(X, y, 5);
    const one = await fit(1);
    const two = await fit(2);
    const json = (m: HistGradientBoostingClassifier) =>
      JSON.stringify(
        Object.entries(m.model.flat).map(([k, v]) => [
          k,
          ArrayBuffer.isView(v) ? Array.from(v as Float64Array) : v,
        ]),
      );
    expect(json(two)).toBe(json(one));
    expect(json(await fit(1))).toBe(json(one));
    // A copy rebuilt from the flat arrays predicts the same.
    const copy = new BoostedModel(one.model.flat);
    expect(Array.from(copy.predictProba(X))).toEqual(Array.from(one.predictProba(X)));
    expect(one.featureImportances.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 12);
  }, 60_000);

  it("stops early on the validation rows it is given and keeps the iterations it fitted", async () => {
    const all = blobs(11, 1200, 2, 3);
    const tr = Int32Array.from({ length: 800 }, (_, i) => i);
    const va = Int32Array.from({ length: 400 }, (_, i) => 800 + i);
    const model = await new HistGradientBoostingClassifier({
      maxIter: 300,
      learningRate: 0.3,
      nIterNoChange: 5,
      threads: 1,
    }).fit(takeRows(all.X, tr), take(all.y, tr), 3, { X: takeRows(all.X, va), y: take(all.y, va) });
    const losses = model.validationLoss;
    expect(model.iterations).toBeLessThan(300);
    expect(losses.length).toBe(model.iterations);
    expect(shouldStop(losses, 5, 1e-7)).toBe(true);
    expect(shouldStop(losses.slice(0, -1), 5, 1e-7)).toBe(false);
  }, 60_000);

  it("applies sklearn's stopping rule to a loss sequence", () => {
    expect(shouldStop([1, 0.9, 0.8], 2, 0)).toBe(false);
    expect(shouldStop([1, 0.9, 0.95, 0.91], 2, 0)).toBe(true); // neither 0.95 nor 0.91 beats 0.9
    expect(shouldStop([1, 0.9, 0.95, 0.89], 2, 0)).toBe(false);
    expect(shouldStop([1, 0.9, 0.95, 0.89], 2, 0.02)).toBe(true); // 0.89 does not beat 0.9 − 0.02
  });

  it("rejects bad labels and missing values with a clear error", async () => {
    const X = matrix(3, 1, Float64Array.from([1, Number.NaN, 3]));
    await expect(
      new HistGradientBoostingClassifier({ threads: 1 }).fit(X, Int32Array.from([0, 1, 0]), 2),
    ).rejects.toThrow(/NaN at row 1/);
    const good = matrix(3, 1, Float64Array.from([1, 2, 3]));
    await expect(
      new HistGradientBoostingClassifier({ threads: 1 }).fit(good, Int32Array.from([0, 2, 0]), 2),
    ).rejects.toThrow(/label 2 at row 1/);
    await expect(
      new HistGradientBoostingClassifier({ learningRate: 0 }).fit(good, Int32Array.from([0, 1, 0]), 2),
    ).rejects.toThrow(/learningRate must be > 0/);
  });
});
