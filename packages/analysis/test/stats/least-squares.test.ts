import { describe, expect, it } from "vitest";
import { fitLinear, fitQuadratic } from "../../src/stats/least-squares.ts";

const f = (values: number[]) => Float64Array.from(values);

describe("fitLinear", () => {
  it("matches a hand computation", () => {
    // x̄ = 1.5, ȳ = 2.75, Sxy = 5.5, Sxx = 5 → slope 1.1, intercept 1.1.
    // Residuals −0.1, 0.8, −1.3, 0.6 → SSE 2.7; SST 8.75 → R² = 1 − 2.7/8.75.
    const fit = fitLinear(f([0, 1, 2, 3]), f([1, 3, 2, 5]));
    expect(fit.slope).toBeCloseTo(1.1, 12);
    expect(fit.intercept).toBeCloseTo(1.1, 12);
    expect(fit.r2).toBeCloseTo(1 - 2.7 / 8.75, 12);
  });

  it("matches numpy.polyfit(x, y, 1) on scattered data", () => {
    // numpy 1.24: np.polyfit(x, y, 1) → [0.22512740328932146, 1.5501187167014119] (slope, intercept).
    const fit = fitLinear(f([-3.5, 0.2, 1.7, 2.2, 9.1, 4.4, -1.0]), f([2.0, -1.5, 0.3, 7.7, 3.1, 2.2, 0.0]));
    expect(fit.slope).toBeCloseTo(0.22512740328932146, 12);
    expect(fit.intercept).toBeCloseTo(1.5501187167014119, 12);
  });
});

describe("fitQuadratic", () => {
  it("recovers an exact parabola with R² = 1", () => {
    const x = f([-2, -1, 0, 1, 2, 3, 10]);
    const y = x.map((v) => 1 - 2 * v + 0.5 * v * v);
    const fit = fitQuadratic(x, y);
    expect(fit.c0).toBeCloseTo(1, 10);
    expect(fit.c1).toBeCloseTo(-2, 10);
    expect(fit.c2).toBeCloseTo(0.5, 10);
    expect(fit.r2).toBeCloseTo(1, 12);
  });

  it("matches numpy.polyfit(x, y, 2)", () => {
    // numpy 1.24: np.polyfit([0,1,2,3,4], [1,3,2,5,4], 2) → [−0.142857…, 1.371428…, 1.114285…] (c2, c1, c0).
    const fit = fitQuadratic(f([0, 1, 2, 3, 4]), f([1, 3, 2, 5, 4]));
    expect(fit.c2).toBeCloseTo(-0.14285714285714296, 10);
    expect(fit.c1).toBeCloseTo(1.3714285714285719, 10);
    expect(fit.c0).toBeCloseTo(1.114285714285714, 10);
    // numpy 1.24: np.polyfit(x, y, 2) on the scattered data → [−0.006272…, 0.261990…, 1.591517…].
    const scattered = fitQuadratic(
      f([-3.5, 0.2, 1.7, 2.2, 9.1, 4.4, -1.0]),
      f([2.0, -1.5, 0.3, 7.7, 3.1, 2.2, 0.0]),
    );
    expect(scattered.c2).toBeCloseTo(-0.006272417866757333, 10);
    expect(scattered.c1).toBeCloseTo(0.26199033552972695, 10);
    expect(scattered.c0).toBeCloseTo(1.5915179659380594, 10);
  });

  it("stays accurate for large-magnitude x (milliseconds)", () => {
    const x = f(Array.from({ length: 200 }, (_, i) => 30_000 + i * 25_000));
    const y = x.map((v) => 3 + 2e-6 * v - 1e-12 * v * v);
    const fit = fitQuadratic(x, y);
    expect(fit.c2 / -1e-12).toBeCloseTo(1, 6);
    expect(fit.c1 / 2e-6).toBeCloseTo(1, 6);
    expect(fit.c0).toBeCloseTo(3, 6);
  });

  it("is never worse than the linear fit", () => {
    const x = f([0.1, 0.5, 0.2, 0.9, 0.7, 0.3]);
    const y = f([1, 2, 1.5, 0.5, 1.2, 1.9]);
    expect(fitQuadratic(x, y).r2).toBeGreaterThanOrEqual(fitLinear(x, y).r2 - 1e-12);
  });
});
