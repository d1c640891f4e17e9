import { describe, expect, it } from "vitest";
import { binomialObjective } from "../../src/logistic/binomial-loss.ts";
import { multinomialObjective } from "../../src/logistic/multinomial-loss.ts";
import type { Matrix } from "../../src/matrix.ts";
import { Random } from "../../src/random.ts";
import { mixedDesign } from "./mixed-design.ts";
import { toy } from "./toy.ts";

const add = (a: Float64Array, i: number, v: number) => {
  a[i] = (a[i] as number) + v;
};

/** The sklearn 1.5 multinomial objective written out plainly, row by row, for comparison. */
function plainMultinomial(X: Matrix, y: Int32Array, K: number, C: number, w: Float64Array) {
  const { rows: n, cols: d } = X;
  const grad = new Float64Array(w.length);
  let loss = 0;
  for (let i = 0; i < n; i++) {
    const z = Array.from({ length: K }, (_, k) => {
      let s = w[k * (d + 1) + d] as number;
      for (let j = 0; j < d; j++) s += (X.data[i * d + j] as number) * (w[k * (d + 1) + j] as number);
      return s;
    });
    const lse = Math.log(z.reduce((s, v) => s + Math.exp(v), 0));
    loss += lse - (z[y[i] as number] as number);
    for (let k = 0; k < K; k++) {
      const r = Math.exp((z[k] as number) - lse) - (k === y[i] ? 1 : 0);
      for (let j = 0; j < d; j++) add(grad, k * (d + 1) + j, (r * (X.data[i * d + j] as number)) / n);
      add(grad, k * (d + 1) + d, r / n);
    }
  }
  let pen = 0;
  for (let k = 0; k < K; k++) {
    for (let j = 0; j < d; j++) {
      const v = w[k * (d + 1) + j] as number;
      pen += v * v;
      add(grad, k * (d + 1) + j, v / (C * n));
    }
  }
  return { value: loss / n + pen / (2 * C * n), grad };
}

function randomParams(length: number, seed: number, scale = 0.5) {
  const rng = new Random(seed);
  return Float64Array.from({ length }, () => (rng.nextFloat() * 2 - 1) * scale);
}

/** Central differences of f at w, step h, for every coordinate. */
function numericGradient(f: (w: Float64Array, g: Float64Array) => number, w: Float64Array, h = 1e-6) {
  const scratch = new Float64Array(w.length);
  return Float64Array.from(w, (_, i) => {
    const up = w.slice();
    const down = w.slice();
    up[i] = (up[i] as number) + h;
    down[i] = (down[i] as number) - h;
    return (f(up, scratch) - f(down, scratch)) / (2 * h);
  });
}

describe("multinomialObjective", () => {
  // 67 rows: not a multiple of the 4-row block, to exercise the remainder.
  const { X, y } = toy(67, 5, 4);

  it("equals the plain row-by-row formula (value and gradient)", () => {
    const w = randomParams(4 * 6, 1);
    const g = new Float64Array(w.length);
    const value = multinomialObjective(X, y, 4, 0.7)(w, g);
    const plain = plainMultinomial(X, y, 4, 0.7, w);
    expect(value).toBeCloseTo(plain.value, 13);
    for (let i = 0; i < g.length; i++) expect(g[i]).toBeCloseTo(plain.grad[i] as number, 13);
  });

  it("has the gradient of its value (central finite differences)", () => {
    const f = multinomialObjective(X, y, 4, 1.3);
    for (const seed of [2, 3]) {
      const w = randomParams(4 * 6, seed, 2);
      const g = new Float64Array(w.length);
      f(w, g);
      const numeric = numericGradient(f, w);
      for (let i = 0; i < g.length; i++)
        expect(Math.abs((g[i] as number) - (numeric[i] as number))).toBeLessThan(1e-8);
    }
  });

  it("equals the plain formula on repeated rows and folded few-valued columns", () => {
    // 803 rows (642 distinct: not a multiple of the 4-row block), one-hot and integer columns folded.
    const mixed = mixedDesign(803, 5, 7);
    const w = randomParams(5 * 8, 8, 1.5);
    const g = new Float64Array(w.length);
    const value = multinomialObjective(mixed.X, mixed.y, 5, 0.4)(w, g);
    const plain = plainMultinomial(mixed.X, mixed.y, 5, 0.4, w);
    expect(value).toBeCloseTo(plain.value, 13);
    for (let i = 0; i < g.length; i++) expect(g[i]).toBeCloseTo(plain.grad[i] as number, 13);
  });

  it("is log K at zero, and stays finite for huge scores", () => {
    const f = multinomialObjective(X, y, 4, 1);
    const g = new Float64Array(24);
    expect(f(new Float64Array(24), g)).toBeCloseTo(Math.log(4), 14);
    // Intercept components of the gradient sum to zero over classes (softmax rows sum to 1).
    expect([5, 11, 17, 23].reduce((s, i) => s + (g[i] as number), 0)).toBeCloseTo(0, 15);
    const big = randomParams(24, 4, 1e4);
    const value = f(big, g);
    expect(Number.isFinite(value)).toBe(true);
    expect(g.every(Number.isFinite)).toBe(true);
  });
});

describe("binomialObjective", () => {
  const { X, y } = toy(41, 3, 2);

  it("has the gradient of its value", () => {
    const f = binomialObjective(X, y, 0.9);
    const w = randomParams(4, 5, 2);
    const g = new Float64Array(4);
    f(w, g);
    const numeric = numericGradient(f, w);
    for (let i = 0; i < 4; i++)
      expect(Math.abs((g[i] as number) - (numeric[i] as number))).toBeLessThan(1e-8);
  });

  it("equals the two-class softmax objective with the same penalty at w₁ = w, w₀ = 0", () => {
    // With rows (0, 0) and (w, b) the softmax loss is the binomial loss; the penalty is ½‖w‖² in both.
    const w = randomParams(4, 6);
    const g = new Float64Array(8);
    const multi = multinomialObjective(X, y, 2, 0.9)(Float64Array.of(0, 0, 0, 0, ...w), g);
    expect(binomialObjective(X, y, 0.9)(w, new Float64Array(4))).toBeCloseTo(multi, 14);
  });

  it("is log 2 at zero and finite for huge scores", () => {
    const f = binomialObjective(X, y, 1);
    const g = new Float64Array(4);
    expect(f(new Float64Array(4), g)).toBeCloseTo(Math.LN2, 14);
    expect(Number.isFinite(f(Float64Array.of(1e5, -1e5, 1e5, 1e5), g))).toBe(true);
  });
});
