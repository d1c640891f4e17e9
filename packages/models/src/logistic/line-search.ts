/**
 * A smooth objective: writes the gradient at `x` into `gradient` (same length) and returns the value at `x`.
 * It must not keep references to either array.
 */
export type Objective = (x: Float64Array, gradient: Float64Array) => number;

export interface LineSearchOptions {
  /** Sufficient-decrease (Armijo) constant; scipy's L-BFGS-B line search (MINPACK-2 dcsrch) uses 1e-3. */
  c1?: number;
  /** Curvature constant of the strong Wolfe condition; 0.9 as in L-BFGS-B. */
  c2?: number;
  /** Most objective evaluations; sklearn ≥ 1.4 passes `maxls=50` to L-BFGS-B. */
  maxEvaluations?: number;
}

/** Scratch arrays of the point's dimension, reused across searches so a search allocates nothing. */
export interface LineSearchWork {
  /** The accepted point and its gradient on success (or the best sufficient-decrease point on failure). */
  x: Float64Array;
  gradient: Float64Array;
  trialX: Float64Array;
  trialGradient: Float64Array;
}

export interface LineSearchResult {
  /** True when the returned step satisfies the strong Wolfe conditions. */
  ok: boolean;
  /** The step length; 0 when no point with sufficient decrease was found (then `work.x` is undefined). */
  step: number;
  /** The objective at `work.x`. */
  value: number;
  evaluations: number;
}

export function lineSearchWork(n: number): LineSearchWork {
  return {
    x: new Float64Array(n),
    gradient: new Float64Array(n),
    trialX: new Float64Array(n),
    trialGradient: new Float64Array(n),
  };
}

/**
 * Strong Wolfe line search (Nocedal & Wright, *Numerical Optimization*, 2nd ed., Algorithms 3.5 and 3.6):
 * from `x` with value `f0` and directional derivative `slope0 = ∇f(x)·direction < 0`, find a step α with
 *
 *   f(x + α d) ≤ f0 + c1 α slope0   and   |∇f(x + α d)·d| ≤ c2 |slope0|.
 *
 * The bracketing phase doubles α until the conditions hold or a bracket is found; `zoom` then shrinks the
 * bracket with safeguarded cubic interpolation (bisection when the cubic minimiser falls outside the middle
 * 80% of the bracket). It plays the role of MINPACK-2's `dcsrch` inside scipy's L-BFGS-B, with the same
 * constants; the trial steps differ, so iterates agree with scipy's only up to the optimiser's tolerance.
 *
 * On failure (evaluation budget spent or the bracket shrunk to rounding level) it returns `ok: false` with
 * the best point found that satisfies sufficient decrease, if any (`step > 0`), in `work.x`.
 */
export function strongWolfe(
  objective: Objective,
  x: Float64Array,
  f0: number,
  slope0: number,
  direction: Float64Array,
  initialStep: number,
  work: LineSearchWork,
  { c1 = 1e-3, c2 = 0.9, maxEvaluations = 50 }: LineSearchOptions = {},
): LineSearchResult {
  const n = x.length;
  const { trialX, trialGradient } = work;
  let evaluations = 0;
  // The best sufficient-decrease point so far ("lo" of the bracket) is kept in work.x / work.gradient.
  let loStep = 0;
  let loValue = f0;
  let loSlope = slope0;

  const evaluate = (step: number): [number, number] => {
    for (let i = 0; i < n; i++) trialX[i] = (x[i] as number) + step * (direction[i] as number);
    const value = objective(trialX, trialGradient);
    evaluations++;
    let slope = 0;
    for (let i = 0; i < n; i++) slope += (trialGradient[i] as number) * (direction[i] as number);
    return [value, slope];
  };
  const keepTrialAsLo = (step: number, value: number, slope: number) => {
    work.x.set(trialX);
    work.gradient.set(trialGradient);
    loStep = step;
    loValue = value;
    loSlope = slope;
  };
  const curvatureOk = (slope: number) => Math.abs(slope) <= -c2 * slope0;
  const armijoOk = (step: number, value: number) => value <= f0 + c1 * step * slope0;

  // Zoom on the bracket [lo, hi] (either order): lo satisfies sufficient decrease and has the lowest value
  // seen; hi is on the other side of a minimiser of φ(α) = f(x + α d) − c1 α slope0.
  const zoom = (hiStep: number, hiValue: number, hiSlope: number): LineSearchResult => {
    while (evaluations < maxEvaluations) {
      const width = Math.abs(hiStep - loStep);
      if (width <= 1e-15 * Math.max(1, Math.abs(loStep), Math.abs(hiStep))) break;
      let step = cubicMinimiser(loStep, loValue, loSlope, hiStep, hiValue, hiSlope);
      const a = Math.min(loStep, hiStep);
      const b = Math.max(loStep, hiStep);
      if (!(step >= a + 0.1 * width && step <= b - 0.1 * width)) step = 0.5 * (loStep + hiStep);
      const [value, slope] = evaluate(step);
      if (!armijoOk(step, value) || value >= loValue) {
        hiStep = step;
        hiValue = value;
        hiSlope = slope;
      } else {
        if (curvatureOk(slope)) {
          keepTrialAsLo(step, value, slope);
          return { ok: true, step, value, evaluations };
        }
        if (slope * (hiStep - loStep) >= 0) {
          hiStep = loStep;
          hiValue = loValue;
          hiSlope = loSlope;
        }
        keepTrialAsLo(step, value, slope);
      }
    }
    return { ok: false, step: loStep, value: loValue, evaluations };
  };

  let prevStep = 0;
  let prevValue = f0;
  let prevSlope = slope0;
  let step = initialStep;
  while (evaluations < maxEvaluations) {
    const [value, slope] = evaluate(step);
    if (!Number.isFinite(value) || !armijoOk(step, value) || (evaluations > 1 && value >= prevValue)) {
      if (!Number.isFinite(value)) {
        // Overflow: treat as "too far" and bisect towards the last good step.
        return zoom(step, Number.MAX_VALUE, 0);
      }
      return zoom(step, value, slope);
    }
    if (curvatureOk(slope)) {
      keepTrialAsLo(step, value, slope);
      return { ok: true, step, value, evaluations };
    }
    keepTrialAsLo(step, value, slope);
    if (slope >= 0) return zoom(prevStep, prevValue, prevSlope);
    prevStep = step;
    prevValue = value;
    prevSlope = slope;
    step *= 2;
  }
  return { ok: false, step: loStep, value: loValue, evaluations };
}

/**
 * The minimiser of the cubic through (a, fa) and (b, fb) with slopes da and db (Nocedal & Wright eq. 3.59);
 * NaN when the cubic has no minimiser (the caller then bisects).
 */
export function cubicMinimiser(a: number, fa: number, da: number, b: number, fb: number, db: number): number {
  const d1 = da + db - (3 * (fa - fb)) / (a - b);
  const disc = d1 * d1 - da * db;
  if (!(disc >= 0)) return Number.NaN;
  const d2 = Math.sign(b - a) * Math.sqrt(disc);
  return b - ((b - a) * (db + d2 - d1)) / (db - da + 2 * d2);
}
