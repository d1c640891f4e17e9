import type { Matrix } from "../matrix.ts";
import type { Objective } from "./line-search.ts";

/** Rows per block: the block's scores (BLOCK × K) and rows of X stay in cache while W is swept. */
const BLOCK = 32;

/**
 * The multinomial (softmax) logistic objective that sklearn ≥ 1.4 (so 1.5) minimises for
 * `LogisticRegression(solver="lbfgs")` with K > 2 classes: `LinearModelLoss(HalfMultinomialLoss)` with every
 * sample weight 1/n and `l2_reg_strength = 1 / (C · n)`, i.e. the *mean* cross-entropy
 *
 *   f(W, b) = (1/n) Σᵢ [log Σₖ exp(zᵢₖ) − zᵢ,yᵢ] + (1 / (2 C n)) ‖W‖²_F,   zᵢₖ = xᵢ·wₖ + bₖ,
 *
 * with the intercepts b unpenalised. (sklearn ≤ 1.3 minimised n times this — summed loss + ‖W‖²/(2C) — which
 * has the same minimiser; only the scale the gradient tolerance applies to differs.)
 *
 * Parameters are K rows of d + 1 values, row k = [wₖ₁ … wₖd, bₖ]. The returned objective writes the gradient
 * in the same layout. Work arrays are allocated once here; an evaluation allocates nothing. Rows are processed
 * in blocks (scores X_B·Wᵀ, row-wise softmax, then Gₖ += Σᵢ rᵢₖ xᵢ class by class), two rows at a time,
 * so that W and G are read once per block rather than once per row: ~2× faster than row by row at K = 114.
 */
export function multinomialObjective(X: Matrix, y: Int32Array, nClasses: number, C: number): Objective {
  const { data: x, rows: n, cols: d } = X;
  const K = nClasses;
  const stride = d + 1;
  const z = new Float64Array(BLOCK * K);
  const invN = 1 / n;
  const l2 = 1 / (C * n);
  return (w, grad) => {
    grad.fill(0);
    let loss = 0;
    for (let i0 = 0; i0 < n; i0 += BLOCK) {
      const i1 = Math.min(n, i0 + BLOCK);
      const m = i1 - i0;
      // Scores z[r, k] for the block's rows r = i − i0.
      for (let k = 0; k < K; k++) {
        const wo = k * stride;
        const b = w[wo + d] as number;
        let r = 0;
        for (; r + 1 < m; r += 2) {
          const xa = (i0 + r) * d;
          const xb = xa + d;
          let sa = b;
          let sb = b;
          for (let j = 0; j < d; j++) {
            const wj = w[wo + j] as number;
            sa += (x[xa + j] as number) * wj;
            sb += (x[xb + j] as number) * wj;
          }
          z[r * K + k] = sa;
          z[(r + 1) * K + k] = sb;
        }
        if (r < m) {
          const xa = (i0 + r) * d;
          let sa = b;
          for (let j = 0; j < d; j++) sa += (x[xa + j] as number) * (w[wo + j] as number);
          z[r * K + k] = sa;
        }
      }
      // Row-wise log-sum-exp, then the residuals softmax − one-hot in place of the scores.
      for (let r = 0; r < m; r++) {
        const zo = r * K;
        const yi = y[i0 + r] as number;
        let max = Number.NEGATIVE_INFINITY;
        for (let k = 0; k < K; k++) max = Math.max(max, z[zo + k] as number);
        const zy = z[zo + yi] as number;
        let sum = 0;
        for (let k = 0; k < K; k++) {
          const e = Math.exp((z[zo + k] as number) - max);
          z[zo + k] = e;
          sum += e;
        }
        loss += Math.log(sum) + max - zy;
        const inv = 1 / sum;
        for (let k = 0; k < K; k++) z[zo + k] = (z[zo + k] as number) * inv;
        z[zo + yi] = (z[zo + yi] as number) - 1;
      }
      // G[k] += Σ_r residual[r, k] · x_r.
      for (let k = 0; k < K; k++) {
        const go = k * stride;
        let bias = 0;
        let r = 0;
        for (; r + 1 < m; r += 2) {
          const ra = z[r * K + k] as number;
          const rb = z[(r + 1) * K + k] as number;
          const xa = (i0 + r) * d;
          const xb = xa + d;
          for (let j = 0; j < d; j++) {
            grad[go + j] = (grad[go + j] as number) + ra * (x[xa + j] as number) + rb * (x[xb + j] as number);
          }
          bias += ra + rb;
        }
        if (r < m) {
          const ra = z[r * K + k] as number;
          const xa = (i0 + r) * d;
          for (let j = 0; j < d; j++) grad[go + j] = (grad[go + j] as number) + ra * (x[xa + j] as number);
          bias += ra;
        }
        grad[go + d] = (grad[go + d] as number) + bias;
      }
    }
    let penalty = 0;
    for (let k = 0; k < K; k++) {
      const wo = k * stride;
      for (let j = 0; j < d; j++) {
        const wj = w[wo + j] as number;
        penalty += wj * wj;
        grad[wo + j] = (grad[wo + j] as number) * invN + l2 * wj;
      }
      grad[wo + d] = (grad[wo + d] as number) * invN;
    }
    return loss * invN + 0.5 * l2 * penalty;
  };
}
