import { describe, expect, it } from "vitest";
import { argmaxRows } from "../../src/evaluate/classification.ts";
import { accuracy } from "../../src/metrics/accuracy.ts";
import { topKAccuracy } from "../../src/metrics/top-k.ts";

describe("topKAccuracy", () => {
  // Rows (true class): scores. Ties go to the lower class index, as argmax (the predicted label) does.
  //   y=0: [0.5, 0.5, 0  ] → class 0 ties with 1 and ranks first → rank 1
  //   y=1: [0.2, 0.4, 0.4] → class 1 ties with 2 and ranks first → rank 1
  //   y=2: [0.1, 0.3, 0.6] → rank 1
  //   y=1: [0.3, 0.3, 0.4] → class 2 higher; class 0 ties and ranks first → rank 3
  // top-1 = 3/4 (the argmaxes are 0, 1, 2, 2: three right), top-2 = 3/4, top-3 = 1.
  const y = [0, 1, 2, 1];
  const scores = Float64Array.of(0.5, 0.5, 0, 0.2, 0.4, 0.4, 0.1, 0.3, 0.6, 0.3, 0.3, 0.4);

  it("breaks ties as argmax does, so top-1 is the accuracy of the predicted labels", () => {
    expect(topKAccuracy(y, scores, 1)).toBe(0.75);
    expect(topKAccuracy(y, scores, 2)).toBe(0.75);
    expect(topKAccuracy(y, scores, 3)).toBe(1);
    expect(topKAccuracy(y, Float32Array.from(scores), 1)).toBe(0.75);
    const predicted = argmaxRows(scores, 3);
    expect(Array.from(predicted)).toEqual([0, 1, 2, 2]);
    expect(topKAccuracy(y, scores, 1)).toBe(accuracy(y, predicted));
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
