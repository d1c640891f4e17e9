import { describe, expect, it } from "vitest";
import { auc } from "../../src/metrics/auc.ts";
import { rocCurve, rocCurveFromJSON, rocCurveToJSON } from "../../src/metrics/roc.ts";

const INF = Number.POSITIVE_INFINITY;

describe("rocCurve", () => {
  // Scores in descending order, with labels: 0.9(+) 0.8(+) 0.4(−) 0.4(−) 0.4(+) 0.35(+) 0.2(−) 0.1(−).
  // P = N = 4. Cumulative (tp, fp) after each distinct score:
  //   0.9: (1, 0)  0.8: (2, 0)  0.4: (3, 2)  0.35: (4, 2)  0.2: (4, 3)  0.1: (4, 4)
  // 0.2 lies on the segment from 0.35 to 0.1 (second differences of fps 2 − 6 + 4 and tps 4 − 8 + 4 are 0), so
  // drop_intermediate removes it. scikit-learn 1.2.1 gives the same fpr, tpr and finite thresholds (its first
  // threshold is max + 1 = 1.9; sklearn ≥ 1.3 uses +inf, as here).
  const y = [0, 0, 1, 1, 0, 1, 1, 0];
  const scores = [0.1, 0.4, 0.35, 0.8, 0.4, 0.4, 0.9, 0.2];

  it("drops intermediate points by default", () => {
    const c = rocCurve(y, scores);
    expect(Array.from(c.fpr)).toEqual([0, 0, 0, 0.5, 0.5, 1]);
    expect(Array.from(c.tpr)).toEqual([0, 0.25, 0.5, 0.75, 1, 1]);
    expect(Array.from(c.thresholds)).toEqual([INF, 0.9, 0.8, 0.4, 0.35, 0.1]);
  });

  it("keeps every distinct threshold when asked", () => {
    const c = rocCurve(y, scores, { dropIntermediate: false });
    expect(Array.from(c.fpr)).toEqual([0, 0, 0, 0.5, 0.5, 0.75, 1]);
    expect(Array.from(c.tpr)).toEqual([0, 0.25, 0.5, 0.75, 1, 1, 1]);
    expect(Array.from(c.thresholds)).toEqual([INF, 0.9, 0.8, 0.4, 0.35, 0.2, 0.1]);
  });

  it("has area 13/16, the Mann–Whitney probability", () => {
    // Trapezoids: 0.5 · (0.5 + 0.75) / 2 + 0.5 · (1 + 1) / 2 = 0.3125 + 0.5 = 0.8125.
    // Pairs (pos, neg) ranked right, ties half: 0.9 → 4, 0.8 → 4, 0.4 → 2 + 2·½, 0.35 → 2; 13 of 16.
    // scikit-learn 1.2.1 roc_auc_score: 0.8125.
    const c = rocCurve(y, scores);
    expect(auc(c.fpr, c.tpr)).toBe(0.8125);
  });

  it("drops runs of collinear points", () => {
    // Labels 0 0 0 1 1 1 with scores 1..6: (tp, fp) at 6, 5, 4, 3, 2, 1 = (1,0) (2,0) (3,0) (3,1) (3,2) (3,3);
    // only the corner at 4 survives between the ends. scikit-learn 1.2.1 thresholds: [7, 6, 4, 1].
    const c = rocCurve([0, 0, 0, 1, 1, 1], [1, 2, 3, 4, 5, 6]);
    expect(Array.from(c.thresholds)).toEqual([INF, 6, 4, 1]);
    expect(Array.from(c.fpr)).toEqual([0, 0, 0, 1]);
    expect(Array.from(c.tpr)).toEqual([0, 1 / 3, 1, 1]);
  });

  it("matches sklearn on 30 samples with heavy ties", () => {
    // Drawn with numpy RandomState(0): labels randint(0, 2), scores randint(0, 8) / 8. 13 negatives, 17 positives.
    // scikit-learn 1.2.1 roc_curve: fpr = [0, 2, 4, 4, 8, 8, 10, 13] / 13, tpr = [0, 4, 6, 8, 10, 12, 15, 17] / 17,
    // thresholds [1.875 (≥ 1.3: inf), 0.875, 0.625, 0.5, 0.375, 0.25, 0.125, 0] (0.75 is collinear and dropped);
    // roc_auc_score = 0.5656108597285068.
    // biome-ignore format: data
    const y30 = [0, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0, 1, 1, 0, 0, 1, 1, 1, 1, 0];
    // biome-ignore format: data
    const s30 = [1, 4, 3, 0, 3, 5, 6, 7, 7, 0, 2, 3, 0, 1, 3, 5, 3, 3, 6, 7, 0, 1, 1, 1, 7, 0, 7, 2, 4, 7].map((v) => v / 8);
    const c = rocCurve(y30, s30);
    const fpr = [0, 2, 4, 4, 8, 8, 10, 13].map((v) => v / 13);
    const tpr = [0, 4, 6, 8, 10, 12, 15, 17].map((v) => v / 17);
    expect(Array.from(c.thresholds)).toEqual([INF, 0.875, 0.625, 0.5, 0.375, 0.25, 0.125, 0]);
    for (let j = 0; j < fpr.length; j++) {
      expect(c.fpr[j]).toBeCloseTo(fpr[j] as number, 15);
      expect(c.tpr[j]).toBeCloseTo(tpr[j] as number, 15);
    }
    expect(auc(c.fpr, c.tpr)).toBeCloseTo(0.5656108597285068, 15);
  });

  it("treats all-tied scores as one threshold with a diagonal", () => {
    const c = rocCurve([0, 1, 0, 1], [0.5, 0.5, 0.5, 0.5]);
    expect(Array.from(c.fpr)).toEqual([0, 1]);
    expect(Array.from(c.tpr)).toEqual([0, 1]);
    expect(Array.from(c.thresholds)).toEqual([INF, 0.5]);
    expect(auc(c.fpr, c.tpr)).toBe(0.5);
  });

  it("uses the given positive label and treats the rest as negative", () => {
    // Class 2 positive: 3 positives at 0.9, 0.7 and 0.3, two negatives (labels 0 and 1) at 0.5 and 0.1.
    const c = rocCurve([2, 0, 2, 1, 2], [0.9, 0.5, 0.7, 0.1, 0.3], { positive: 2 });
    // (tp, fp): 0.9 (1,0), 0.7 (2,0), 0.5 (2,1), 0.3 (3,1), 0.1 (3,2). Area: 2/3·½ + 1·½ = 5/6.
    expect(auc(c.fpr, c.tpr)).toBeCloseTo(5 / 6, 15);
  });

  it("gives NaN rates for a single class, as sklearn", () => {
    // tps at 0.9, 0.5, 0.2 = 1, 2, 3 and fps = 0, 0, 0: the middle point is collinear and dropped.
    // scikit-learn 1.2.1: fpr [nan, nan, nan], tpr [0, 1/3, 1].
    const c = rocCurve([1, 1, 1], [0.2, 0.5, 0.9]);
    expect(Array.from(c.tpr)).toEqual([0, 1 / 3, 1]);
    expect(c.fpr.every(Number.isNaN)).toBe(true);
    expect(auc(c.fpr, c.tpr)).toBeNaN();
    expect(() => rocCurve([0, 1], [Number.NaN, 1])).toThrow(RangeError);
  });

  it("serialises the +Infinity threshold as null and reads it back", () => {
    const c = rocCurve(y, scores);
    const json = rocCurveToJSON(c);
    expect(json.thresholds[0]).toBeNull();
    expect(json.thresholds.slice(1)).toEqual([0.9, 0.8, 0.4, 0.35, 0.1]);
    const text = JSON.stringify(json);
    expect(rocCurveFromJSON(JSON.parse(text))).toEqual(c);
  });
});

describe("auc", () => {
  it("integrates by trapezoids in either direction", () => {
    // Points (0,0) (1,1) (3,1): 1·(0 + 1)/2 + 2·(1 + 1)/2 = 2.5.
    expect(auc([0, 1, 3], [0, 1, 1])).toBe(2.5);
    expect(auc([3, 1, 0], [1, 1, 0])).toBe(2.5);
    expect(() => auc([0, 2, 1], [0, 1, 1])).toThrow(RangeError);
    expect(() => auc([0], [0])).toThrow(RangeError);
  });
});
