import { describe, expect, it } from "vitest";
import {
  encodePiecewiseLinear,
  fitPiecewiseLinear,
  PASS_THROUGH_LEVELS,
} from "../../src/features/piecewise-linear.ts";
import { matrix } from "../../src/matrix.ts";

/** Column 0: 0, 1, …, 20 (many-valued); column 1: a 0/1 indicator (passes through). */
function fixture() {
  const rows = 21;
  const data = new Float64Array(rows * 2);
  for (let i = 0; i < rows; i++) {
    data[i * 2] = i;
    data[i * 2 + 1] = i % 2;
  }
  return matrix(rows, 2, data);
}

describe("piecewise-linear encoding", () => {
  it("puts the bin edges at the training quantiles and passes few-valued columns through", () => {
    const encoder = fitPiecewiseLinear(fixture(), 4);
    // Ranks round(q/4 · 20) = 0, 5, 10, 15, 20 of the sorted column 0, 1, …, 20.
    expect(encoder.edges).toEqual([[0, 5, 10, 15, 20], null]);
    expect(encoder.width).toBe(5);
  });

  it("encodes 0 below a bin, 1 above it and the position inside it (hand-checked)", () => {
    const encoder = fitPiecewiseLinear(fixture(), 4);
    const x = matrix(4, 2, Float64Array.from([-3, 1, 7.5, 0, 15, 1, 99, 0]));
    const encoded = encodePiecewiseLinear(encoder, x);
    expect(encoded.cols).toBe(5);
    expect(Array.from(encoded.data)).toEqual([
      // −3: below every bin; the indicator as it is.
      0, 0, 0, 0, 1,
      // 7.5: first bin full, half-way through the second.
      1, 0.5, 0, 0, 0,
      // 15: exactly at the third bin's upper edge.
      1, 1, 1, 0, 1,
      // 99: above every bin.
      1, 1, 1, 1, 0,
    ]);
  });

  it("merges repeated quantiles so that no bin has zero width", () => {
    // 30 zeros and 20 distinct larger values: the lower quantiles all equal 0.
    const values = [...new Array<number>(30).fill(0), ...Array.from({ length: 20 }, (_, i) => i + 1)];
    const encoder = fitPiecewiseLinear(matrix(values.length, 1, Float64Array.from(values)), 8);
    const [edges] = encoder.edges;
    expect(edges?.[0]).toBe(0);
    for (let t = 1; t < (edges?.length ?? 0); t++)
      expect(edges?.[t]).toBeGreaterThan(edges?.[t - 1] as number);
    expect(encoder.width).toBe((edges?.length ?? 0) - 1);
  });

  it(`treats a column with at most ${PASS_THROUGH_LEVELS} distinct values as few-valued`, () => {
    const few = Float64Array.from({ length: 100 }, (_, i) => i % PASS_THROUGH_LEVELS);
    const many = Float64Array.from({ length: 100 }, (_, i) => i % (PASS_THROUGH_LEVELS + 1));
    expect(fitPiecewiseLinear(matrix(100, 1, few), 4).edges).toEqual([null]);
    expect(fitPiecewiseLinear(matrix(100, 1, many), 4).edges[0]).not.toBeNull();
  });

  it("refuses bad input with a clear message", () => {
    expect(() => fitPiecewiseLinear(fixture(), 0)).toThrow(/bins must be a positive integer/);
    expect(() => fitPiecewiseLinear(matrix(0, 2), 4)).toThrow(/at least one training row/);
    const withNaN = matrix(2, 1, Float64Array.from([1, Number.NaN]));
    expect(() => fitPiecewiseLinear(withNaN, 4)).toThrow(/column 0 holds NaN/);
    const encoder = fitPiecewiseLinear(fixture(), 4);
    expect(() => encodePiecewiseLinear(encoder, matrix(1, 3))).toThrow(/fitted on 2 columns/);
  });
});
