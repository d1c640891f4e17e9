import { describe, expect, it } from "vitest";
import { lbfgs } from "../../src/logistic/lbfgs.ts";
import { cubicMinimiser, lineSearchWork, strongWolfe } from "../../src/logistic/line-search.ts";

/** The n-dimensional Rosenbrock function Σ 100 (x_{i+1} − x_i²)² + (1 − x_i)², minimum 0 at (1, …, 1). */
function rosenbrock(x: Float64Array, g: Float64Array): number {
  g.fill(0);
  let f = 0;
  for (let i = 0; i + 1 < x.length; i++) {
    const a = (x[i + 1] as number) - (x[i] as number) ** 2;
    const b = 1 - (x[i] as number);
    f += 100 * a * a + b * b;
    g[i] = (g[i] as number) - 400 * a * (x[i] as number) - 2 * b;
    g[i + 1] = (g[i + 1] as number) + 200 * a;
  }
  return f;
}

describe("lbfgs", () => {
  it("minimises the Rosenbrock function from the classic start", () => {
    const x0 = Float64Array.from({ length: 10 }, (_, i) => (i % 2 === 0 ? -1.2 : 1));
    const r = lbfgs(rosenbrock, x0, { gtol: 1e-9, ftol: 0, maxIter: 1000 });
    for (const v of r.x) expect(v).toBeCloseTo(1, 7);
    expect(r.value).toBeLessThan(1e-14);
    expect(r.iterations).toBeLessThan(200);
    expect(x0[0]).toBe(-1.2); // the start is not modified
  });

  it("solves an ill-conditioned quadratic to the gradient tolerance", () => {
    // f = ½ Σ cᵢ (xᵢ − i)², condition number 1e4.
    const n = 50;
    const c = Float64Array.from({ length: n }, (_, i) => 10 ** ((4 * i) / (n - 1)));
    const f = (x: Float64Array, g: Float64Array) => {
      let s = 0;
      for (let i = 0; i < n; i++) {
        const e = (x[i] as number) - i;
        g[i] = (c[i] as number) * e;
        s += 0.5 * (c[i] as number) * e * e;
      }
      return s;
    };
    const r = lbfgs(f, new Float64Array(n), { gtol: 1e-8, ftol: 0 });
    expect(r.converged).toBe(true);
    expect(r.stop).toBe("gtol");
    expect(Math.max(...r.gradient.map(Math.abs))).toBeLessThanOrEqual(1e-8);
    for (let i = 0; i < n; i++) expect(r.x[i]).toBeCloseTo(i, 7);
  });

  it("stops at once when the start is already stationary, and on maxIter", () => {
    const f = (x: Float64Array, g: Float64Array) => {
      g[0] = 2 * (x[0] as number);
      return (x[0] as number) ** 2;
    };
    const r0 = lbfgs(f, new Float64Array(1));
    expect([r0.iterations, r0.converged, r0.stop]).toEqual([0, true, "gtol"]);
    const r1 = lbfgs(rosenbrock, Float64Array.of(-1.2, 1), { maxIter: 2 });
    expect([r1.iterations, r1.converged, r1.stop]).toEqual([2, false, "maxIter"]);
  });
});

describe("strongWolfe", () => {
  it("returns a step satisfying both Wolfe conditions on a 1-D quartic", () => {
    // φ(α) = (α − 3)⁴ − 2α along d = 1 from x = 0.
    const f = (x: Float64Array, g: Float64Array) => {
      const t = x[0] as number;
      g[0] = 4 * (t - 3) ** 3 - 2;
      return (t - 3) ** 4 - 2 * t;
    };
    const g0 = new Float64Array(1);
    const f0 = f(new Float64Array(1), g0);
    const d = Float64Array.of(1);
    for (const initial of [1e-3, 1, 50]) {
      const work = lineSearchWork(1);
      const r = strongWolfe(f, new Float64Array(1), f0, g0[0] as number, d, initial, work);
      expect(r.ok).toBe(true);
      expect(r.value).toBeLessThanOrEqual(f0 + 1e-3 * r.step * (g0[0] as number));
      expect(Math.abs(work.gradient[0] as number)).toBeLessThanOrEqual(0.9 * Math.abs(g0[0] as number));
      expect(work.x[0]).toBe(r.step);
    }
  });

  it("interpolates a cubic exactly", () => {
    // φ(α) = α³ − 3α (minimum at 1): φ(0) = 0, φ'(0) = −3, φ(2) = 2, φ'(2) = 9.
    expect(cubicMinimiser(0, 0, -3, 2, 2, 9)).toBeCloseTo(1, 14);
    expect(cubicMinimiser(2, 2, 9, 0, 0, -3)).toBeCloseTo(1, 14);
  });
});
