import { describe, expect, it } from "vitest";
import { histogram, linspaceEdges } from "../../src/stats/histogram.ts";

const counts = (values: number[], bins: number) =>
  histogram(Float64Array.from(values), bins).map((b) => b.count);

describe("histogram", () => {
  it("bins equal widths with the last bin closed (hand-checked)", () => {
    // Edges 0, 2, 4, 6, 8, 10: [0,2) holds 0 and 1, …, and the closed [8,10] holds 8, 9 and 10.
    const bins = histogram(Float64Array.from([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]), 5);
    expect(bins).toEqual([
      { x0: 0, x1: 2, count: 2 },
      { x0: 2, x1: 4, count: 2 },
      { x0: 4, x1: 6, count: 2 },
      { x0: 6, x1: 8, count: 2 },
      { x0: 8, x1: 10, count: 3 },
    ]);
  });

  it("assigns values at floating-point edges exactly as numpy.histogram does", () => {
    // Expected counts computed with numpy 1.24 `np.histogram(v, 10)[0]` and pasted here.
    expect(
      counts(
        Array.from({ length: 11 }, (_, i) => i / 10),
        10,
      ),
    ).toEqual([1, 1, 2, 0, 1, 2, 1, 0, 1, 2]);
    expect(
      counts(
        Array.from({ length: 11 }, (_, i) => 0.3 * i),
        10,
      ),
    ).toEqual([1, 1, 1, 1, 1, 1, 1, 1, 1, 2]);
    expect(counts([0, 0.7, 0.7000000000000001, 1.4, 2.1, 2.8, 3.5, 4.2, 4.9, 5.6, 6.3, 7], 10)).toEqual([
      1, 2, 1, 1, 1, 1, 1, 1, 1, 2,
    ]);
  });

  it("widens a constant column to [v − 0.5, v + 0.5] like numpy", () => {
    // numpy: np.histogram([5, 5, 5], 4) → counts [0, 0, 3, 0], edges [4.5, 4.75, 5, 5.25, 5.5].
    const bins = histogram(Float64Array.from([5, 5, 5]), 4);
    expect(bins.map((b) => b.count)).toEqual([0, 0, 3, 0]);
    expect(bins.map((b) => b.x0)).toEqual([4.5, 4.75, 5, 5.25]);
  });

  it("keeps every value: counts sum to the number of values", () => {
    const values = Float64Array.from({ length: 1000 }, (_, i) => Math.sin(i) * 1e3);
    expect(counts([...values], 37).reduce((a, b) => a + b, 0)).toBe(1000);
  });

  it("rejects an empty column", () => {
    expect(() => histogram(new Float64Array(0), 10)).toThrow(/empty/);
  });

  it("computes edges as numpy.linspace (last edge exactly the maximum)", () => {
    expect(linspaceEdges(0, 3, 10)).toEqual([
      0.0, 0.3, 0.6, 0.8999999999999999, 1.2, 1.5, 1.7999999999999998, 2.1, 2.4, 2.6999999999999997, 3.0,
    ]);
  });
});
