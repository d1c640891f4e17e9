import { describe, expect, it } from "vitest";
import { accuracy } from "../../src/metrics/accuracy.ts";

describe("accuracy", () => {
  it("counts exact matches", () => {
    // Matches at positions 0, 2, 3: 3 of 5.
    expect(accuracy(Int32Array.of(0, 1, 2, 2, 1), [0, 2, 2, 2, 0])).toBe(3 / 5);
    expect(accuracy([1, 1], [1, 1])).toBe(1);
    expect(accuracy([0], [1])).toBe(0);
  });

  it("rejects arrays of different lengths and is NaN when empty", () => {
    expect(() => accuracy([0, 1], [0])).toThrow(RangeError);
    expect(accuracy([], [])).toBeNaN();
  });
});
