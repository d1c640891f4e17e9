import { describe, expect, it } from "vitest";
import { confusionMatrix } from "../../src/metrics/confusion.ts";

describe("confusionMatrix", () => {
  it("puts true classes on rows and predictions on columns", () => {
    // Pairs (true, pred): (0,0) (1,2) (2,2) (2,2) (1,0).
    const m = confusionMatrix([0, 1, 2, 2, 1], [0, 2, 2, 2, 0]);
    // biome-ignore format: keep the matrix layout
    expect(Array.from(m)).toEqual([
      1, 0, 0,
      1, 0, 1,
      0, 0, 2,
    ]);
  });

  it("takes K from the labels or from the caller, keeping absent classes", () => {
    expect(confusionMatrix([1, 1], [1, 1]).length).toBe(4); // K = 2 from the largest label
    expect(Array.from(confusionMatrix([0], [0], 3))).toEqual([1, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(() => confusionMatrix([0, 3], [0, 1], 3)).toThrow(RangeError);
    expect(() => confusionMatrix([0, -1], [0, 1])).toThrow(RangeError);
    expect(() => confusionMatrix([0, 1.5], [0, 1])).toThrow(RangeError);
  });
});
