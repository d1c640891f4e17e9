import { describe, expect, it } from "vitest";
import { gridPoints, gridSearch } from "../../src/evaluate/grid-search.ts";
import { kFold } from "../../src/metrics/folds.ts";

describe("gridPoints", () => {
  it("enumerates like sklearn's ParameterGrid: keys sorted, last key fastest", () => {
    expect(gridPoints({ max_depth: [10, null], criterion: ["gini", "entropy"] })).toEqual([
      { criterion: "gini", max_depth: 10 },
      { criterion: "gini", max_depth: null },
      { criterion: "entropy", max_depth: 10 },
      { criterion: "entropy", max_depth: null },
    ]);
  });
});

describe("gridSearch", () => {
  it("scores every point on every fold and picks the best mean, the first on ties", async () => {
    const folds = kFold(6, 3);
    // Score = a + fold test's first index / 10: means are a + (0 + 2 + 4) / 30 = a + 0.2.
    const outcome = await gridSearch(
      { a: [0.1, 0.5, 0.5] },
      folds,
      (p, fold) => (p.a as number) + (fold.test[0] as number) / 10,
    );
    expect(outcome.results.map((r) => r.mean)).toEqual([
      expect.closeTo(0.3, 12),
      expect.closeTo(0.7, 12),
      expect.closeTo(0.7, 12),
    ]);
    expect(outcome.results[0]?.std).toBeCloseTo(Math.sqrt((0.2 ** 2 * 2) / 3), 12);
    expect(outcome.best).toEqual({ a: 0.5 });
    expect(outcome.results.indexOf(outcome.results.find((r) => r.params.a === 0.5) as never)).toBe(1);
  });
});
