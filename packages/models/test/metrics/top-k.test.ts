import { describe, expect, it } from "vitest";
import { topKAccuracy } from "../../src/metrics/top-k.ts";

describe("topKAccuracy", () => {
  // Rows (true class): scores. Ties go to the higher class index, as sklearn's reversed stable argsort.
  //   y=0: [0.5, 0.5, 0  ] → class 1 ties and ranks first → rank 2
  //   y=1: [0.2, 0.4, 0.4] → class 2 ties and ranks first → rank 2
  //   y=2: [0.1, 0.3, 0.6] → rank 1
  //   y=1: [0.3, 0.3, 0.4] → class 2 higher; class 0 ties but ranks after → rank 2
  // top-1 = 1/4, top-2 = 4/4. scikit-learn 1.2.1 top_k_accuracy_score gives 0.25 and 1.0.
  const y = [0, 1, 2, 1];
  const scores = Float64Array.of(0.5, 0.5, 0, 0.2, 0.4, 0.4, 0.1, 0.3, 0.6, 0.3, 0.3, 0.4);

  it("breaks ties like sklearn", () => {
    expect(topKAccuracy(y, scores, 1)).toBe(0.25);
    expect(topKAccuracy(y, scores, 2)).toBe(1);
    expect(topKAccuracy(y, Float32Array.from(scores), 1)).toBe(0.25);
  });

  it("is 1 once k reaches K, and top-1 equals argmax accuracy without ties", () => {
    expect(topKAccuracy(y, scores, 3)).toBe(1);
    expect(topKAccuracy(y, scores, 10)).toBe(1);
    // The rows' argmaxes are 0, 1, 2: true labels 2, 0, 1 match none; 0, 0, 1 match only the first.
    const s = Float64Array.of(0.9, 0.1, 0, 0.2, 0.7, 0.1, 0.1, 0.3, 0.6);
    expect(topKAccuracy([2, 0, 1], s, 1)).toBe(0);
    expect(topKAccuracy([0, 0, 1], s, 1)).toBeCloseTo(1 / 3, 15);
  });

  it("validates its inputs", () => {
    expect(() => topKAccuracy(y, scores, 0)).toThrow(RangeError);
    expect(() => topKAccuracy([0, 3], Float64Array.of(1, 0, 0, 1), 1)).toThrow(RangeError);
    expect(() => topKAccuracy([0, 1], Float64Array.of(1, 0, 0), 1)).toThrow(RangeError);
  });
});
