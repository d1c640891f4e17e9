import { lineSearchWork, type Objective, strongWolfe } from "./line-search.ts";

export interface LbfgsOptions {
  /** Most iterations (accepted steps); scipy's `maxiter`. */
  maxIter?: number;
  /**
   * Stop when the largest absolute gradient component is ≤ gtol: scipy L-BFGS-B's `pgtol`/`gtol` test on
   * the projected gradient, which without bounds is the gradient's ∞-norm. Default 1e-5 (scipy's).
   */
  gtol?: number;
  /**
   * Stop when an iteration lowers f by at most ftol·max(|f_old|, |f_new|, 1): L-BFGS-B's `factr·epsmch`
   * test. Default 2.220446049250313e-9 (scipy's); sklearn ≥ 1.4 passes 64·ε ≈ 1.4e-14.
   */
  ftol?: number;
  /** Number of correction pairs kept (scipy's `maxcor`, default 10). */
  memory?: number;
  /** Most objective evaluations per line search (scipy's `maxls`; default 20, sklearn ≥ 1.4 passes 50). */
  maxLineSearch?: number;
  /** Most objective evaluations in all (scipy's `maxfun`, default 15000). */
  maxEvaluations?: number;
}

/** Why the minimiser stopped. "gtol" and "ftol" count as converged. */
export type LbfgsStop = "gtol" | "ftol" | "maxIter" | "maxEvaluations" | "lineSearch";

export interface LbfgsResult {
  x: Float64Array;
  /** The objective and its gradient at x. */
  value: number;
  gradient: Float64Array;
  /** Accepted steps, as scipy's `nit`. */
  iterations: number;
  /** Objective evaluations, as scipy's `nfev`. */
  evaluations: number;
  converged: boolean;
  stop: LbfgsStop;
}

/**
 * Unconstrained limited-memory BFGS (Nocedal 1980; Nocedal & Wright Algorithm 7.4/7.5): the two-loop
 * recursion over the last `memory` pairs (s, y), initial Hessian scaled by sᵀy / yᵀy, and a strong Wolfe
 * line search. It stands in for `scipy.optimize.minimize(method="L-BFGS-B")` without bounds, as called by
 * sklearn, and copies its stopping rules, first step (length 1/‖∇f(x0)‖, i.e. a unit move along the
 * normalised steepest-descent direction; later steps start at 1) and recovery: a pair with
 * sᵀy ≤ ε·yᵀy is skipped, and a failed line search discards the memory and retries once from steepest
 * descent before giving up. L-BFGS-B's compact (Byrd–Lu–Nocedal) representation gives the same direction
 * as the two-loop recursion when there are no bounds.
 *
 * `x0` is not modified. Allocates O(memory · n) once; nothing per iteration.
 */
export function lbfgs(objective: Objective, x0: Float64Array, options: LbfgsOptions = {}): LbfgsResult {
  const {
    maxIter = 15000,
    gtol = 1e-5,
    ftol = 2.220446049250313e-9,
    memory = 10,
    maxLineSearch = 20,
    maxEvaluations = 15000,
  } = options;
  const n = x0.length;
  let x: Float64Array = Float64Array.from(x0);
  let g: Float64Array = new Float64Array(n);
  let value = objective(x, g);
  let evaluations = 1;
  if (!Number.isFinite(value)) throw new RangeError(`objective is ${value} at the starting point`);

  const S = new Float64Array(memory * n);
  const Y = new Float64Array(memory * n);
  const rho = new Float64Array(memory);
  const alpha = new Float64Array(memory);
  let stored = 0; // pairs held
  let newest = -1; // slot of the newest pair (ring buffer)
  const d = new Float64Array(n);
  const work = lineSearchWork(n);
  const lsOptions = { maxEvaluations: maxLineSearch };

  const finish = (iterations: number, converged: boolean, stop: LbfgsStop): LbfgsResult => ({
    x,
    value,
    gradient: g,
    iterations,
    evaluations,
    converged,
    stop,
  });

  if (maxAbs(g) <= gtol) return finish(0, true, "gtol");
  let iterations = 0;
  let retried = false;
  for (;;) {
    if (iterations >= maxIter) return finish(iterations, false, "maxIter");
    if (evaluations >= maxEvaluations) return finish(iterations, false, "maxEvaluations");

    // d = −H g by the two-loop recursion (H = I before the first pair).
    for (let i = 0; i < n; i++) d[i] = -(g[i] as number);
    for (let m = 0; m < stored; m++) {
      const slot = (newest - m + memory) % memory;
      const a = (rho[slot] as number) * dotAt(S, slot * n, d, 0, n);
      alpha[slot] = a;
      axpyAt(-a, Y, slot * n, d, n);
    }
    if (stored > 0) {
      const yy = dotAt(Y, newest * n, Y, newest * n, n);
      const gamma = 1 / ((rho[newest] as number) * yy); // sᵀy / yᵀy
      for (let i = 0; i < n; i++) d[i] = (d[i] as number) * gamma;
    }
    for (let m = stored - 1; m >= 0; m--) {
      const slot = (newest - m + memory) % memory;
      const b = (rho[slot] as number) * dotAt(Y, slot * n, d, 0, n);
      axpyAt((alpha[slot] as number) - b, S, slot * n, d, n);
    }
    let slope = 0;
    for (let i = 0; i < n; i++) slope += (g[i] as number) * (d[i] as number);
    if (!(slope < 0)) {
      // Not a descent direction (rounding in a stale memory): restart from steepest descent.
      stored = 0;
      for (let i = 0; i < n; i++) d[i] = -(g[i] as number);
      slope = -dotAt(g, 0, g, 0, n);
    }
    const initialStep = stored === 0 ? Math.min(1 / Math.sqrt(-slope), 1e10) : 1;
    const search = strongWolfe(objective, x, value, slope, d, initialStep, work, {
      ...lsOptions,
      maxEvaluations: Math.min(maxLineSearch, maxEvaluations - evaluations),
    });
    evaluations += search.evaluations;
    if (!search.ok) {
      if (search.step === 0 || !(search.value < value)) {
        if (stored > 0 && !retried) {
          stored = 0;
          retried = true;
          continue;
        }
        return finish(iterations, false, "lineSearch");
      }
      // A step with sufficient decrease but no curvature condition: take it, as progress is progress.
    }
    retried = false;
    iterations++;

    // New pair s = x₊ − x, y = g₊ − g, stored in the next ring slot unless sᵀy is not safely positive.
    const slot = (newest + 1) % memory;
    const sOff = slot * n;
    let sy = 0;
    let yy = 0;
    for (let i = 0; i < n; i++) {
      const si = (work.x[i] as number) - (x[i] as number);
      const yi = (work.gradient[i] as number) - (g[i] as number);
      S[sOff + i] = si;
      Y[sOff + i] = yi;
      sy += si * yi;
      yy += yi * yi;
    }
    if (sy > Number.EPSILON * yy) {
      rho[slot] = 1 / sy;
      newest = slot;
      if (stored < memory) stored++;
    }

    const previous = value;
    [x, work.x] = [work.x, x];
    [g, work.gradient] = [work.gradient, g];
    value = search.value;
    if (maxAbs(g) <= gtol) return finish(iterations, true, "gtol");
    if (previous - value <= ftol * Math.max(Math.abs(previous), Math.abs(value), 1)) {
      return finish(iterations, true, "ftol");
    }
  }
}

function maxAbs(v: Float64Array): number {
  let m = 0;
  for (let i = 0; i < v.length; i++) {
    const a = Math.abs(v[i] as number);
    if (a > m || Number.isNaN(a)) m = a;
  }
  return m;
}

function dotAt(a: Float64Array, aOff: number, b: Float64Array, bOff: number, n: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += (a[aOff + i] as number) * (b[bOff + i] as number);
  return s;
}

function axpyAt(alpha: number, a: Float64Array, aOff: number, y: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) y[i] = (y[i] as number) + alpha * (a[aOff + i] as number);
}
