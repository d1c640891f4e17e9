import type { Matrix } from "../matrix.ts";
import type { Objective } from "./line-search.ts";

/**
 * The binary logistic objective that sklearn ≥ 1.4 (so 1.5) minimises for `LogisticRegression(solver="lbfgs")`
 * with two classes: `LinearModelLoss(HalfBinomialLoss)` with sample weights 1/n and
 * `l2_reg_strength = 1 / (C · n)`:
 *
 *   f(w, b) = (1/n) Σᵢ [log(1 + exp(zᵢ)) − yᵢ zᵢ] + (1 / (2 C n)) ‖w‖²,   zᵢ = xᵢ·w + b, yᵢ ∈ {0, 1},
 *
 * intercept unpenalised. Parameters are [w₁ … w_d, b]; the gradient is written in the same layout.
 */
export function binomialObjective(X: Matrix, y: Int32Array, C: number): Objective {
  const { data, rows: n, cols: d } = X;
  const invN = 1 / n;
  const l2 = 1 / (C * n);
  return (params, grad) => {
    grad.fill(0);
    let loss = 0;
    const b = params[d] as number;
    for (let i = 0; i < n; i++) {
      const xo = i * d;
      let z = b;
      for (let j = 0; j < d; j++) z += (data[xo + j] as number) * (params[j] as number);
      const yi = y[i] as number;
      // log(1 + eᶻ) without overflow, and σ(z) from the same exponential.
      let p: number;
      if (z >= 0) {
        const e = Math.exp(-z);
        loss += z + Math.log1p(e) - yi * z;
        p = 1 / (1 + e);
      } else {
        const e = Math.exp(z);
        loss += Math.log1p(e) - yi * z;
        p = e / (1 + e);
      }
      const r = p - yi;
      for (let j = 0; j < d; j++) grad[j] = (grad[j] as number) + r * (data[xo + j] as number);
      grad[d] = (grad[d] as number) + r;
    }
    let penalty = 0;
    for (let j = 0; j < d; j++) {
      const w = params[j] as number;
      penalty += w * w;
      grad[j] = (grad[j] as number) * invN + l2 * w;
    }
    grad[d] = (grad[d] as number) * invN;
    return loss * invN + 0.5 * l2 * penalty;
  };
}
