import { describe, expect, it } from "vitest";
import { polynomialFeatureNames, polynomialFeatures, polynomialTerms } from "../../src/linear/polynomial.ts";
import { matrix } from "../../src/matrix.ts";

describe("polynomialFeatures", () => {
  it("expands a 2-feature row in sklearn's order: 1, a, b, a², ab, b²", () => {
    const out = polynomialFeatures(matrix(2, 2, Float64Array.of(2, 3, -1, 0.5)));
    expect(out.cols).toBe(6);
    expect(Array.from(out.data.subarray(0, 6))).toEqual([1, 2, 3, 4, 6, 9]);
    expect(Array.from(out.data.subarray(6, 12))).toEqual([1, -1, 0.5, 1, -0.5, 0.25]);
  });

  it("names columns as get_feature_names_out", () => {
    // sklearn 1.2.1: PolynomialFeatures(2).get_feature_names_out(["a", "b"]) — sklearn-expected.py section 3.
    expect(polynomialFeatureNames(["a", "b"])).toEqual(["1", "a", "b", "a^2", "a b", "b^2"]);
    expect(polynomialFeatureNames(["x", "y", "z"], { degree: 3, includeBias: false }).slice(3, 10)).toEqual([
      "x^2",
      "x y",
      "x z",
      "y^2",
      "y z",
      "z^2",
      "x^3",
    ]);
  });

  it("orders 3 features as combinations_with_replacement", () => {
    expect(polynomialTerms(3)).toEqual([[], [0], [1], [2], [0, 0], [0, 1], [0, 2], [1, 1], [1, 2], [2, 2]]);
    expect(polynomialTerms(3, { interactionOnly: true, includeBias: false })).toEqual([
      [0],
      [1],
      [2],
      [0, 1],
      [0, 2],
      [1, 2],
    ]);
  });

  it("has C(n + d, d) columns", () => {
    // 5 selected features at degree 2: C(7, 2) = 21 columns (the seed's quadratic design).
    expect(polynomialTerms(5).length).toBe(21);
    expect(polynomialTerms(10, { degree: 3 }).length).toBe(286);
  });
});
