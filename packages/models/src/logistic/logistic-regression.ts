import { type Matrix, matrix } from "../matrix.ts";
import { checkLabels } from "../metrics/labels.ts";
import { binomialObjective } from "./binomial-loss.ts";
import { type LbfgsStop, lbfgs } from "./lbfgs.ts";
import { multinomialObjective } from "./multinomial-loss.ts";

export interface LogisticRegressionOptions {
  /** Inverse L2 regularisation strength (sklearn `C`, default 1). */
  C?: number;
  /**
   * Most L-BFGS iterations (sklearn `max_iter`). Default 100 as in sklearn; the seed notebook passes 1000.
   */
  maxIter?: number;
  /**
   * Gradient tolerance (sklearn `tol`, default 1e-4): stop when every component of the gradient of the
   * mean-scaled objective (see `multinomialObjective`) is at most `tol` in absolute value — what sklearn ≥ 1.4
   * passes to L-BFGS-B as `gtol`. L-BFGS-B also stops when a step lowers the objective by at most
   * 64·ε relative (sklearn's `ftol`); that rule is kept too.
   */
  tol?: number;
  /**
   * "auto" (default, as sklearn): binomial loss with one coefficient row for 2 classes, softmax with K rows
   * for more. "multinomial": softmax with K rows even for 2 classes (sklearn `multi_class="multinomial"`).
   */
  multiClass?: "auto" | "multinomial";
  /** L-BFGS correction pairs kept (scipy `maxcor`, default 10). */
  memory?: number;
  /** Objective evaluations per line search (sklearn ≥ 1.4 passes `maxls=50`). */
  maxLineSearch?: number;
  /**
   * Relative-decrease stopping rule (L-BFGS-B `ftol`); sklearn ≥ 1.4 fixes it at 64·ε, the default here.
   * Set 0 to stop on `tol` alone (e.g. to reach the exact optimum in tests).
   */
  ftol?: number;
}

/** What a fit produced, in plain arrays (for JSON output). */
export interface LogisticRegressionFit {
  nClasses: number;
  /** Rows × d coefficients: K rows for the softmax model, 1 row (the positive class) for binomial. */
  coefficients: Matrix;
  /** One intercept per coefficient row. */
  intercepts: Float64Array;
  /** L-BFGS iterations used (sklearn `n_iter_`, capped at maxIter). */
  iterations: number;
  /** True when the gradient or relative-decrease test was met before maxIter (no ConvergenceWarning). */
  converged: boolean;
  stop: LbfgsStop;
  /** The objective at the solution, on the mean scale of `multinomialObjective` (scipy's `opt_res.fun`). */
  loss: number;
  /** Largest absolute gradient component at the solution. */
  gradientNorm: number;
}

/**
 * L2-penalised logistic regression fitted by L-BFGS: sklearn 1.5's
 * `LogisticRegression(penalty="l2", C, solver="lbfgs", max_iter, tol, fit_intercept=True)`. With more than two
 * classes it fits the multinomial (softmax) model, as sklearn's default `multi_class="auto"` does for lbfgs;
 * with two it fits the binomial model with a single coefficient row, like sklearn's `coef_` of shape (1, d).
 *
 * The start is all zeros, as in sklearn. Because the intercepts are not penalised, softmax intercepts are
 * identified only up to a common constant; from the zero start every L-BFGS step keeps their sum at zero
 * (the loss gradient's intercept components sum to zero), so they match sklearn's, not just up to a shift.
 */
export class LogisticRegression {
  readonly options: Required<LogisticRegressionOptions>;
  #fit: LogisticRegressionFit | undefined;

  constructor(options: LogisticRegressionOptions = {}) {
    this.options = {
      C: options.C ?? 1,
      maxIter: options.maxIter ?? 100,
      tol: options.tol ?? 1e-4,
      multiClass: options.multiClass ?? "auto",
      memory: options.memory ?? 10,
      maxLineSearch: options.maxLineSearch ?? 50,
      ftol: options.ftol ?? 64 * Number.EPSILON,
    };
    if (!(this.options.C > 0)) throw new RangeError(`C must be positive, got ${this.options.C}`);
  }

  /**
   * Fits on X (n × d) and labels 0..nClasses−1 (sklearn `fit`). Every class must occur in y: sklearn only
   * knows the classes it sees, and an absent class would drive its unpenalised intercept to −∞.
   */
  fit(X: Matrix, y: Int32Array, nClasses: number): this {
    const { rows: n, cols: d } = X;
    if (y.length !== n) throw new RangeError(`X has ${n} rows but y has ${y.length} labels`);
    if (!Number.isInteger(nClasses) || nClasses < 2)
      throw new RangeError(`need ≥ 2 classes, got ${nClasses}`);
    checkLabels(y, nClasses);
    const counts = new Int32Array(nClasses);
    for (let i = 0; i < n; i++) counts[y[i] as number] = (counts[y[i] as number] as number) + 1;
    const missing = counts.indexOf(0);
    if (missing >= 0) throw new RangeError(`class ${missing} has no samples`);
    for (let i = 0; i < X.data.length; i++) {
      if (!Number.isFinite(X.data[i] as number)) throw new RangeError(`X has a non-finite value at ${i}`);
    }

    const { C, maxIter, tol, multiClass, memory, maxLineSearch, ftol } = this.options;
    const binomial = nClasses === 2 && multiClass === "auto";
    const rows = binomial ? 1 : nClasses;
    const objective = binomial ? binomialObjective(X, y, C) : multinomialObjective(X, y, nClasses, C);
    const result = lbfgs(objective, new Float64Array(rows * (d + 1)), {
      maxIter,
      gtol: tol,
      ftol,
      memory,
      maxLineSearch,
    });

    const coefficients = matrix(rows, d);
    const intercepts = new Float64Array(rows);
    for (let k = 0; k < rows; k++) {
      coefficients.data.set(result.x.subarray(k * (d + 1), k * (d + 1) + d), k * d);
      intercepts[k] = result.x[k * (d + 1) + d] as number;
    }
    let gradientNorm = 0;
    for (const g of result.gradient) gradientNorm = Math.max(gradientNorm, Math.abs(g));
    this.#fit = {
      nClasses,
      coefficients,
      intercepts,
      iterations: Math.min(result.iterations, maxIter),
      converged: result.converged,
      stop: result.stop,
      loss: result.value,
      gradientNorm,
    };
    return this;
  }

  /** The fitted model; throws before `fit`. */
  get fitted(): LogisticRegressionFit {
    if (!this.#fit) throw new Error("LogisticRegression is not fitted");
    return this.#fit;
  }
  get coefficients(): Matrix {
    return this.fitted.coefficients;
  }
  get intercepts(): Float64Array {
    return this.fitted.intercepts;
  }
  get iterations(): number {
    return this.fitted.iterations;
  }
  get converged(): boolean {
    return this.fitted.converged;
  }
  get loss(): number {
    return this.fitted.loss;
  }

  /** X·Wᵀ + b (sklearn `decision_function`): n × K for softmax, n × 1 for binomial, row-major. */
  decisionFunction(X: Matrix): Float64Array {
    const { coefficients: W, intercepts: b } = this.fitted;
    const { data, rows: n, cols: d } = X;
    if (d !== W.cols) throw new RangeError(`X has ${d} columns, the model ${W.cols}`);
    const K = W.rows;
    const out = new Float64Array(n * K);
    for (let i = 0; i < n; i++) {
      const xo = i * d;
      for (let k = 0; k < K; k++) {
        const wo = k * d;
        let s = b[k] as number;
        for (let j = 0; j < d; j++) s += (data[xo + j] as number) * (W.data[wo + j] as number);
        out[i * K + k] = s;
      }
    }
    return out;
  }

  /**
   * Class probabilities, n × nClasses row-major (sklearn `predict_proba`): the softmax of the decision
   * function, or [1 − σ(z), σ(z)] for the binomial model.
   */
  predictProba(X: Matrix): Float64Array {
    const { nClasses, coefficients } = this.fitted;
    const z = this.decisionFunction(X);
    const n = X.rows;
    if (coefficients.rows === 1) {
      const out = new Float64Array(n * 2);
      for (let i = 0; i < n; i++) {
        const p = 1 / (1 + Math.exp(-(z[i] as number)));
        out[2 * i] = 1 - p;
        out[2 * i + 1] = p;
      }
      return out;
    }
    const K = nClasses;
    for (let i = 0; i < n; i++) {
      const o = i * K;
      let max = Number.NEGATIVE_INFINITY;
      for (let k = 0; k < K; k++) max = Math.max(max, z[o + k] as number);
      let sum = 0;
      for (let k = 0; k < K; k++) {
        const e = Math.exp((z[o + k] as number) - max);
        z[o + k] = e;
        sum += e;
      }
      for (let k = 0; k < K; k++) z[o + k] = (z[o + k] as number) / sum;
    }
    return z;
  }

  /**
   * The most probable class per row (sklearn `predict`: argmax of the decision function, the first maximum
   * on ties; binomial: class 1 when z > 0).
   */
  predict(X: Matrix): Int32Array {
    const { coefficients } = this.fitted;
    const z = this.decisionFunction(X);
    const n = X.rows;
    const out = new Int32Array(n);
    const K = coefficients.rows;
    if (K === 1) {
      for (let i = 0; i < n; i++) out[i] = (z[i] as number) > 0 ? 1 : 0;
      return out;
    }
    for (let i = 0; i < n; i++) {
      let best = 0;
      let bestValue = z[i * K] as number;
      for (let k = 1; k < K; k++) {
        const v = z[i * K + k] as number;
        if (v > bestValue) {
          best = k;
          bestValue = v;
        }
      }
      out[i] = best;
    }
    return out;
  }
}
