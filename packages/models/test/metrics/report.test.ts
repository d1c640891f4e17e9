import { describe, expect, it } from "vitest";
import { classificationReport, classificationReportFromConfusion } from "../../src/metrics/report.ts";

describe("classificationReport", () => {
  // True 0 0 1 1 1 2 3, predicted 0 1 1 1 0 0 0, with a fifth class (4) that never occurs.
  // Columns (predicted): class 0 predicted 4 times (1 right), class 1 3 times (2 right), classes 2-4 never.
  //   class 0: P = 1/4, R = 1/2, F1 = 2·1 / (2·1 + 3 + 1) = 1/3, support 2
  //   class 1: P = 2/3, R = 2/3, F1 = 2·2 / (2·2 + 1 + 1) = 2/3, support 3
  //   classes 2, 3: no predictions → P = 0 (zero_division), R = 0/1 = 0, F1 = 0, support 1
  //   class 4: everything 0/0 → 0, support 0
  // macro: P = (1/4 + 2/3) / 5 = 11/60, R = (1/2 + 2/3) / 5 = 7/30, F1 = (1/3 + 2/3) / 5 = 1/5
  // weighted: P = (2·1/4 + 3·2/3) / 7 = 5/14, R = (2·1/2 + 3·2/3) / 7 = 3/7, F1 = (2·1/3 + 3·2/3) / 7 = 8/21
  // scikit-learn 1.2.1 classification_report(labels=range(5), zero_division=0, output_dict=True) agrees:
  // macro 0.18333333333333332 0.2333333333333333 0.2, weighted 0.35714285714285715 0.42857142857142855
  // 0.38095238095238093.
  const report = classificationReport([0, 0, 1, 1, 1, 2, 3], [0, 1, 1, 1, 0, 0, 0], 5);

  it("scores each class with zero_division = 0", () => {
    const expected = [
      [1 / 4, 1 / 2, 1 / 3, 2],
      [2 / 3, 2 / 3, 2 / 3, 3],
      [0, 0, 0, 1],
      [0, 0, 0, 1],
      [0, 0, 0, 0],
    ];
    report.classes.forEach((s, c) => {
      const [p, r, f, n] = expected[c] as number[];
      expect(s.precision).toBeCloseTo(p as number, 15);
      expect(s.recall).toBeCloseTo(r as number, 15);
      expect(s.f1).toBeCloseTo(f as number, 15);
      expect(s.support).toBe(n);
    });
  });

  it("averages over classes, macro and weighted", () => {
    expect(report.accuracy).toBeCloseTo(3 / 7, 15);
    expect(report.macro.precision).toBeCloseTo(0.18333333333333332, 15);
    expect(report.macro.recall).toBeCloseTo(0.2333333333333333, 15);
    expect(report.macro.f1).toBeCloseTo(0.2, 15);
    expect(report.macro.support).toBe(7);
    expect(report.weighted.precision).toBeCloseTo(0.35714285714285715, 15);
    expect(report.weighted.recall).toBeCloseTo(0.42857142857142855, 15);
    expect(report.weighted.f1).toBeCloseTo(0.38095238095238093, 15);
    expect(report.weighted.support).toBe(7);
  });

  it("is perfect for perfect predictions, and all zeros for an empty matrix", () => {
    const perfect = classificationReport([0, 1, 2], [0, 1, 2]);
    expect(perfect.macro).toEqual({ precision: 1, recall: 1, f1: 1, support: 3 });
    const empty = classificationReportFromConfusion([0, 0, 0, 0], 2);
    expect(empty.weighted).toEqual({ precision: 0, recall: 0, f1: 0, support: 0 });
    expect(empty.accuracy).toBe(0);
  });

  it("handles a single class", () => {
    // Everything is class 0 and predicted 0: P = R = F1 = 1.
    const single = classificationReport([0, 0, 0], [0, 0, 0]);
    expect(single.classes).toEqual([{ precision: 1, recall: 1, f1: 1, support: 3 }]);
  });
});
