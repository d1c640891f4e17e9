import { describe, expect, it } from "vitest";
import { decodeBoosted, LEAF } from "../../src/boosting/boosted-codec.ts";
import { encodeBoosted } from "../../src/boosting/boosted-export.ts";
import { boostedPredictor } from "../../src/boosting/boosted-inference.ts";
import { BoostedModel } from "../../src/boosting/boosted-model.ts";
import { HistGradientBoostingClassifier } from "../../src/boosting/hist-gradient-boosting.ts";
import { matrix } from "../../src/matrix.ts";
import { fromBase64 } from "../../src/tree/forest-codec.ts";

/** 300 rows of 3 features (one a 0–11 integer, like key) and 3 classes that depend on all of them. */
function rows() {
  const n = 300;
  const X = matrix(n, 3);
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const a = ((i * 7919) % 101) / 100;
    const b = -20 + ((i * 104729) % 173) / 7;
    const key = i % 12;
    X.data.set([a, b, key], i * 3);
    y[i] = (Math.trunc(3 * a + b / 10 + (key > 6 ? 1 : 0)) + 30) % 3;
  }
  return { X, y };
}

/** A small fitted model of those rows: 12 rounds of 7-leaf trees. */
async function fitSmall() {
  const { X, y } = rows();
  const fitted = await new HistGradientBoostingClassifier({
    learningRate: 0.2,
    maxIter: 12,
    maxLeafNodes: 7,
    minSamplesLeaf: 4,
    threads: 1,
  }).fit(X, y, 3);
  return { X, fitted };
}

describe("the compact form of boosted trees", () => {
  it("decodes, after a trip through JSON, to the very model that was fitted: same arrays, same probabilities", async () => {
    const { X, fitted } = await fitSmall();
    const encoded = JSON.parse(JSON.stringify(encodeBoosted(fitted.model.flat)));
    const decoded = decodeBoosted(encoded);
    const flat = fitted.model.flat;
    expect(Array.from(decoded.feature)).toEqual(Array.from(flat.feature));
    expect(Array.from(decoded.treeStart)).toEqual(Array.from(flat.treeStart));
    // Leaves' scores and splits' thresholds are exact doubles; a leaf's threshold and children are not stored.
    const internal = (j: number) => flat.feature[j] !== -1;
    for (let j = 0; j < flat.feature.length; j++) {
      if (internal(j)) {
        expect(decoded.threshold[j]).toBe(flat.threshold[j]);
        expect([decoded.left[j], decoded.right[j]]).toEqual([flat.left[j], flat.right[j]]);
      } else expect(decoded.value[j]).toBe(flat.value[j]);
    }
    expect(Array.from(new BoostedModel(decoded).predictProba(X))).toEqual(Array.from(fitted.predictProba(X)));

    // One byte per node for the feature (255 for leaves), a float64 per leaf (the default).
    expect(encoded.valueType).toBe("float64");
    const leaves = Array.from(flat.feature).filter((f) => f === -1).length;
    expect(Array.from(fromBase64(encoded.feature)).filter((c) => c === LEAF)).toHaveLength(leaves);
    expect(fromBase64(encoded.value)).toHaveLength(8 * leaves);

    // The browser's entry point: a row of named values in, the same probabilities out.
    const predict = boostedPredictor({ features: ["a", "b", "key"], model: encoded });
    for (const i of [0, 17, 299]) {
      const p = predict({
        key: X.data[i * 3 + 2] as number,
        a: X.data[i * 3] as number,
        b: X.data[i * 3 + 1] as number,
      });
      expect(Array.from(p)).toEqual(Array.from(fitted.predictProba(X)).slice(i * 3, i * 3 + 3));
    }
    expect(() => predict({ a: 0.5, b: 1 })).toThrow(/no finite value for key/);
  });

  it("stores leaf scores in float32 when asked: half the bytes, each score the nearest single", async () => {
    const { X, fitted } = await fitSmall();
    const flat = fitted.model.flat;
    const encoded = JSON.parse(JSON.stringify(encodeBoosted(flat, "float32")));
    expect(encoded.valueType).toBe("float32");
    const leaves = Array.from(flat.feature).filter((f) => f === -1).length;
    expect(fromBase64(encoded.value)).toHaveLength(4 * leaves);
    const decoded = decodeBoosted(encoded);
    for (let j = 0; j < flat.feature.length; j++) {
      if (flat.feature[j] === -1) expect(decoded.value[j]).toBe(Math.fround(flat.value[j] as number));
      else expect(decoded.threshold[j]).toBe(flat.threshold[j]);
    }
    const exact = fitted.predictProba(X);
    const single = new BoostedModel(decoded).predictProba(X);
    let gap = 0;
    for (let i = 0; i < exact.length; i++)
      gap = Math.max(gap, Math.abs((exact[i] as number) - (single[i] as number)));
    expect(gap).toBeGreaterThan(0);
    expect(gap).toBeLessThan(1e-6);
    expect(() => decodeBoosted({ ...encoded, valueType: "float64" })).toThrow(
      /value bytes for \d+ float64 leaves/,
    );
    expect(() => decodeBoosted({ ...encoded, valueType: "float16" })).toThrow(
      /unknown leaf value type float16/,
    );
  });

  it("refuses encoded arrays that do not fit together", async () => {
    const { X, y } = rows();
    const fitted = await new HistGradientBoostingClassifier({ maxIter: 2, maxLeafNodes: 4, threads: 1 }).fit(
      X,
      y,
      3,
    );
    const encoded = encodeBoosted(fitted.model.flat);
    expect(() => decodeBoosted({ ...encoded, nodes: encoded.nodes.slice(1) })).toThrow(/feature codes for/);
    expect(() => decodeBoosted({ ...encoded, baseline: [0] })).toThrow(/1 baseline scores for 3 classes/);
    expect(() => decodeBoosted({ ...encoded, value: encoded.threshold })).toThrow(/value bytes for/);
    expect(() => decodeBoosted({ ...encoded, thresholds: encoded.thresholds.map(() => []) })).toThrow(
      /names threshold \d+ of 0/,
    );
  });
});
