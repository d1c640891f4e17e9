import { describe, expect, it } from "vitest";
import { matrix, take, takeRows } from "../../src/matrix.ts";
import { binFeatures } from "../../src/tree/binning.ts";
import { DecisionTreeClassifier } from "../../src/tree/decision-tree.ts";
import type { TreeOptions } from "../../src/tree/options.ts";
import { TreeModel } from "../../src/tree/tree-model.ts";
import { type Dataset, randomDataset } from "./fixtures.ts";

const line = matrix(6, 1, Float64Array.from([1, 2, 3, 4, 5, 6]));
const lineY = Int32Array.from([0, 0, 1, 0, 1, 1]);

describe("binFeatures", () => {
  it("gives every distinct value its own bin when there are few, thresholds at midpoints", () => {
    const b = binFeatures(matrix(5, 1, Float64Array.from([3, 1, 2, 1, 10])));
    expect(b.exact).toEqual([true]);
    expect(Array.from(b.thresholds[0] as Float64Array)).toEqual([1.5, 2.5, 6.5]);
    expect(Array.from(b.codes)).toEqual([2, 0, 1, 0, 3]);
  });

  it("falls back to equal-frequency bins at distinct-value boundaries", () => {
    const X = matrix(
      1000,
      1,
      Float64Array.from({ length: 1000 }, (_, i) => i % 500),
    );
    const b = binFeatures(X, 10);
    expect(b.exact).toEqual([false]);
    expect(b.nBins[0]).toBe(10);
    const counts = new Array(10).fill(0);
    for (const c of b.codes) counts[c]++;
    expect(counts).toEqual(new Array(10).fill(100));
    for (const t of b.thresholds[0] as Float64Array) expect(t % 1).toBe(0.5);
  });

  it("rejects NaN", () => {
    expect(() => binFeatures(matrix(2, 1, Float64Array.from([1, Number.NaN])))).toThrow(/NaN/);
  });
});

describe("DecisionTreeClassifier, hand-checked", () => {
  it("splits a line where the Gini gain is largest", () => {
    // y = 0 0 1 0 1 1 over x = 1..6; root Gini 1 − (½² + ½²) = 0.5. Cuts (left | right):
    //   x ≤ 1.5: 0 | 0 1 0 1 1 → 5/6 · (1 − 4/25 − 9/25) = 0.4      → gain 0.1
    //   x ≤ 2.5: 0 0 | 1 0 1 1 → 4/6 · (1 − 1/16 − 9/16) = 0.25    → gain 0.25 (first best)
    //   x ≤ 3.5: 0 0 1 | 0 1 1 → 2 · 3/6 · (1 − 1/9 − 4/9) = 4/9  → gain 0.0556
    //   x ≤ 4.5: 0 0 1 0 | 1 1 → 4/6 · 0.375 = 0.25               → gain 0.25 (tie: the first wins)
    //   x ≤ 5.5: 0 0 1 0 1 | 1 → 0.4                              → gain 0.1
    const tree = new DecisionTreeClassifier({ maxDepth: 1 }).fit(line, lineY, 2);
    expect(tree.toJSON()).toEqual({
      nFeatures: 1,
      nClasses: 2,
      feature: [0, -1, -1],
      threshold: [2.5, 0, 0],
      left: [1, -1, -1],
      right: [2, -1, -1],
      value: [1, 0, 0.25, 0.75],
      importances: [1],
    });
    expect(tree.depth).toBe(1);
    expect(tree.nLeaves).toBe(2);
  });

  it("splits by entropy gain", () => {
    // Root entropy 1 bit. x ≤ 2.5 leaves 1 0 1 1 on the right: 4/6 · H(¼) = 4/6 · 0.8113 = 0.5409 → gain 0.4591;
    // x ≤ 1.5: 5/6 · H(⅖) = 0.8091 → 0.1909; x ≤ 3.5: H(⅓) = 0.9183 → 0.0817; x ≤ 4.5 ties with 2.5.
    const tree = new DecisionTreeClassifier({ criterion: "entropy", maxDepth: 1 }).fit(line, lineY, 2);
    expect(tree.toJSON().threshold[0]).toBe(2.5);
  });

  it("grows until leaves are pure, and stops at pure nodes", () => {
    const tree = new DecisionTreeClassifier().fit(line, lineY, 2);
    expect(Array.from(tree.predict(line))).toEqual(Array.from(lineY));
    const json = tree.toJSON();
    for (let i = 0; i < json.value.length; i += 2)
      expect(Math.max(json.value[i] as number, json.value[i + 1] as number)).toBe(1);
    // A pure training set is a single leaf.
    const pure = new DecisionTreeClassifier().fit(line, new Int32Array(6), 2);
    expect(pure.nodeCount).toBe(1);
    expect(Array.from(pure.featureImportances)).toEqual([0]);
  });

  it("respects maxDepth, minSamplesLeaf and minSamplesSplit", () => {
    const d = randomDataset(3, 250, 3, 4);
    const shallow = new DecisionTreeClassifier({ maxDepth: 3 }).fit(d.X, d.y, 4);
    expect(shallow.depth).toBe(3);
    const leafy = new DecisionTreeClassifier({ minSamplesLeaf: 7 }).fit(d.X, d.y, 4);
    for (const size of leafSizes(leafy.toJSON(), d)) expect(size).toBeGreaterThanOrEqual(7);
    const split = new DecisionTreeClassifier({ minSamplesSplit: 40 }).fit(d.X, d.y, 4);
    // Every internal node had ≥ 40 rows, so every leaf's parent did: no leaf is under a node smaller than that.
    expect(Math.min(...internalSizes(split.toJSON(), d))).toBeGreaterThanOrEqual(40);
  });

  it("stops at splits that decrease impurity less than minImpurityDecrease", () => {
    const d = randomDataset(4, 200, 3, 3);
    const full = new DecisionTreeClassifier().fit(d.X, d.y, 3);
    const pruned = new DecisionTreeClassifier({ minImpurityDecrease: 0.01 }).fit(d.X, d.y, 3);
    expect(pruned.nodeCount).toBeLessThan(full.nodeCount);
  });

  it("treats integer weights as duplicated rows", () => {
    const d = randomDataset(5, 120, 3, 3);
    const counts = Int32Array.from({ length: 120 }, (_, i) => (i * 7) % 4);
    const rows: number[] = [];
    counts.forEach((c, i) => {
      for (let k = 0; k < c; k++) rows.push(i);
    });
    const weighted = new DecisionTreeClassifier().fit(d.X, d.y, 3, counts).toJSON();
    const duplicated = new DecisionTreeClassifier().fit(takeRows(d.X, rows), take(d.y, rows), 3).toJSON();
    expect(weighted).toEqual(duplicated);
  });

  it("samples features per node from randomState, reproducibly", () => {
    const d = randomDataset(6, 200, 6, 3);
    const fit = (seed: number) =>
      new DecisionTreeClassifier({ maxFeatures: "sqrt", randomState: seed }).fit(d.X, d.y, 3).toJSON();
    expect(fit(1)).toEqual(fit(1));
    expect(fit(1)).not.toEqual(fit(2));
  });

  it("grows the same tree with every histogram strategy", () => {
    const d = randomDataset(7, 400, 5, 4, 2);
    for (const maxFeatures of [null, 2] as const) {
      const fit = (histogram: TreeOptions["histogram"]) =>
        new DecisionTreeClassifier({ histogram, maxFeatures, randomState: 3 }).fit(d.X, d.y, 4).toJSON();
      const direct = fit("direct");
      expect(fit("subtract")).toEqual(direct);
      expect(fit("auto")).toEqual(direct);
    }
  });

  it("round-trips through JSON and predicts identically", () => {
    const d = randomDataset(8, 300, 4, 3, null);
    const test = randomDataset(9, 200, 4, 3, null);
    const tree = new DecisionTreeClassifier({ maxDepth: 8 }).fit(d.X, d.y, 3);
    const json = JSON.parse(JSON.stringify(tree.toJSON()));
    const loaded = DecisionTreeClassifier.fromJSON(json);
    expect(loaded.predictProba(test.X)).toEqual(tree.predictProba(test.X));
    expect(loaded.featureImportances).toEqual(tree.featureImportances);
    expect(TreeModel.fromJSON(json).depth).toBe(tree.depth);
  });
});

/**
 * sklearn 1.2.1 (Debian's python3-sklearn), `DecisionTreeClassifier(random_state=0, …)` on the fixtures below,
 * exported to CSV; these settings give the same tree for random_state 0..9 (no tied splits), so the result
 * does not hinge on sklearn's random feature order. sklearn's float32 thresholds differ from ours by < 1e-7.
 */
const SKLEARN: {
  name: string;
  train: () => Dataset;
  test: () => Dataset;
  options: TreeOptions;
  pred: string;
  imp: number[];
  nodes: number;
  depth: number;
  leaves: number;
  feature: number[];
  threshold?: number[];
}[] = [
  {
    name: "gini, max_depth=3, 2-decimal features",
    train: () => randomDataset(7, 200, 4, 3, 2),
    test: () => randomDataset(8, 100, 4, 3, null),
    options: { maxDepth: 3 },
    pred: "1111111111011111110110110111100101101111111011001101001111111011100001111111010101101010101111100010",
    imp: [0.0, 0.25456307970784, 0.0, 0.74543692029216],
    nodes: 15,
    depth: 3,
    leaves: 8,
    feature: [3, 1, 1, -1, -1, 3, -1, -1, 1, 3, -1, -1, 3, -1, -1],
    threshold: [0.365, 0.625, 0.56, 0, 0, 0.16, 0, 0, 0.26, 0.575, 0, 0, 0.755, 0, 0],
  },
  {
    name: "entropy, max_depth=3",
    train: () => randomDataset(7, 200, 4, 3, 2),
    test: () => randomDataset(8, 100, 4, 3, null),
    options: { criterion: "entropy", maxDepth: 3 },
    pred: "1111211212021021110110110201100212201221211011001001001211111101100101211111010101100010101022100121",
    imp: [0.08399443680655505, 0.25628138057544797, 0.0, 0.6597241826179969],
    nodes: 15,
    depth: 3,
    leaves: 8,
    feature: [3, 1, 0, -1, -1, 3, -1, -1, 1, 3, -1, -1, 3, -1, -1],
    threshold: [0.555, 0.47, 0.26, 0, 0, 0.245, 0, 0, 0.395, 0.63, 0, 0, 0.755, 0, 0],
  },
  {
    name: "gini, max_depth=3, min_samples_leaf=10, 1-decimal features",
    train: () => randomDataset(21, 200, 3, 2, 1),
    test: () => randomDataset(22, 100, 3, 2, null),
    options: { maxDepth: 3, minSamplesLeaf: 10 },
    pred: "0111001101101111101011110100110011101011110101100111010010010001000101100101100101010011010110100011",
    imp: [0.060672854884488266, 0.29191420637244103, 0.6474129387430707],
    nodes: 13,
    depth: 3,
    leaves: 7,
    feature: [2, 2, 1, -1, -1, 1, -1, -1, 0, 2, -1, -1, -1],
    threshold: [0.55, 0.15, 0.35, 0, 0, 0.65, 0, 0, 0.75, 0.85, 0, 0, 0],
  },
  {
    name: "entropy, max_depth=3, min_samples_leaf=5",
    train: () => randomDataset(21, 200, 3, 2, 1),
    test: () => randomDataset(22, 100, 3, 2, null),
    options: { criterion: "entropy", maxDepth: 3, minSamplesLeaf: 5 },
    pred: "0011001000101111101011110100110011101011100001100111010010010001000101100100100101010011000110000001",
    imp: [0.05066871017679172, 0.4126183162477406, 0.5367129735754677],
    nodes: 15,
    depth: 3,
    leaves: 8,
    feature: [2, 2, 1, -1, -1, 1, -1, -1, 0, 2, -1, -1, 1, -1, -1],
    threshold: [0.55, 0.15, 0.35, 0, 0, 0.65, 0, 0, 0.75, 0.85, 0, 0, 0.35, 0, 0],
  },
  {
    // 300 distinct values > 255 bins: quantile-binned, yet the same splits (thresholds differ within bins).
    name: "gini, max_depth=6, min_samples_leaf=10, continuous features (binned)",
    train: () => randomDataset(11, 300, 5, 4, null, 0.3),
    test: () => randomDataset(12, 100, 5, 4, null, 0.3),
    options: { maxDepth: 6, minSamplesLeaf: 10 },
    pred: "3210323232230032000112032302310000210302302303303300330220321302233330013310200331312223333022032033",
    imp: [
      0.09691752082235665, 0.09949808951231495, 0.08508249183775261, 0.4138306536822617, 0.3046712441453141,
    ],
    nodes: 45,
    depth: 6,
    leaves: 23,
    feature: [
      4, 3, 1, 4, -1, 3, -1, -1, 4, 0, -1, -1, -1, 1, 0, 2, -1, -1, 4, -1, -1, 3, 4, -1, -1, -1, 3, 2, -1, 0,
      -1, -1, 4, 3, -1, -1, 3, 4, -1, 0, -1, -1, 1, -1, -1,
    ],
  },
];

describe("DecisionTreeClassifier against sklearn 1.2.1", () => {
  for (const c of SKLEARN) {
    it(c.name, () => {
      const train = c.train();
      const tree = new DecisionTreeClassifier(c.options).fit(train.X, train.y, train.nClasses);
      const json = tree.toJSON();
      expect(Array.from(tree.predict(c.test().X)).join("")).toBe(c.pred);
      expect(json.feature).toEqual(c.feature);
      if (c.threshold) {
        for (const [i, t] of json.threshold.entries()) expect(t).toBeCloseTo(c.threshold[i] as number, 6);
      }
      for (const [i, v] of tree.featureImportances.entries()) expect(v).toBeCloseTo(c.imp[i] as number, 12);
      expect([tree.nodeCount, tree.depth, tree.nLeaves]).toEqual([c.nodes, c.depth, c.leaves]);
    });
  }
});

/** Training rows reaching each leaf. */
function leafSizes(json: ReturnType<DecisionTreeClassifier["toJSON"]>, d: Dataset): number[] {
  const sizes = nodeSizes(json, d);
  return sizes.filter((_, i) => json.left[i] === -1);
}

function internalSizes(json: ReturnType<DecisionTreeClassifier["toJSON"]>, d: Dataset): number[] {
  const sizes = nodeSizes(json, d);
  return sizes.filter((_, i) => json.left[i] !== -1);
}

function nodeSizes(json: ReturnType<DecisionTreeClassifier["toJSON"]>, d: Dataset): number[] {
  const sizes = new Array(json.feature.length).fill(0);
  for (let r = 0; r < d.X.rows; r++) {
    let node = 0;
    sizes[0]++;
    while (json.left[node] !== -1) {
      const x = d.X.data[r * d.X.cols + (json.feature[node] as number)] as number;
      node = (x <= (json.threshold[node] as number) ? json.left[node] : json.right[node]) as number;
      sizes[node]++;
    }
  }
  return sizes;
}
