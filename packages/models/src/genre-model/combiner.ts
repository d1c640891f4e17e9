import { type LbfgsStop, lbfgs } from "../logistic/index.ts";

/**
 * What the combiner sees: J experts' class probabilities for the same n rows (each n × K, row-major, every
 * value > 0), and each row's evidence group (e.g. "artist seen in training, album not"), which selects the
 * set of expert weights used for that row.
 */
export interface CombinerInput {
  experts: readonly Float64Array[];
  groups: Int32Array;
  nGroups: number;
  nClasses: number;
}

export interface CombinerOptions {
  /** L2 penalty on the class biases, on the mean-loss scale (default 1e-4). */
  l2?: number;
  /**
   * L2 penalty on the expert weights (default 1e-3): keeps them finite in a small evidence group that one
   * expert separates perfectly, where the unpenalised likelihood has no maximum.
   */
  l2Weights?: number;
  /** Most L-BFGS iterations (default 500). */
  maxIter?: number;
  /** Gradient tolerance: stop when every gradient component of the mean loss is at most this (default 1e-4). */
  tol?: number;
}

export interface CombinerFit {
  /** weights[h·J + j] ≥ 0: expert j's weight in evidence group h. */
  weights: Float64Array;
  /** One bias per class. */
  bias: Float64Array;
  nExperts: number;
  nGroups: number;
  iterations: number;
  /** Objective evaluations L-BFGS made (iterations plus line-search trials). */
  evaluations: number;
  converged: boolean;
  stop: LbfgsStop;
  /** Mean negative log-likelihood of the fit rows (without the penalties). */
  logLoss: number;
}

/**
 * log p of every expert, interleaved so that one row's values lie together: `logs[(i·K + g)·J + j]` is
 * log p_j(g) of row i. Checked: a zero or non-finite probability would make the pooled score undefined.
 */
function logExperts(input: CombinerInput): { rows: number; logs: Float64Array } {
  const { experts, groups, nGroups, nClasses: K } = input;
  const J = experts.length;
  if (J === 0) throw new Error("the combiner needs at least one expert");
  const rows = groups.length;
  for (const h of groups) {
    if (!Number.isInteger(h) || h < 0 || h >= nGroups)
      throw new RangeError(`group ${h} is not in 0..${nGroups - 1}`);
  }
  const logs = new Float64Array(rows * K * J);
  experts.forEach((p, j) => {
    if (p.length !== rows * K)
      throw new Error(`expert ${j} has ${p.length} values for ${rows} rows × ${K} classes`);
    for (let c = 0; c < p.length; c++) {
      const v = p[c] as number;
      if (!(v > 0) || !Number.isFinite(v)) throw new RangeError(`expert ${j} has probability ${v} at ${c}`);
      logs[c * J + j] = Math.log(v);
    }
  });
  return { rows, logs };
}

/**
 * Row i's pooled distribution into `p` (length K): softmax of s_g = Σ_j w_{h,j} · log p_j(g) + b_g, a
 * log-linear pool of the experts (a weighted geometric mean of their distributions) with class biases. Returns
 * log Σ exp s − s_y for label y (the row's loss), or 0 when y < 0.
 */
function pooledRow(
  logs: Float64Array,
  i: number,
  h: number,
  J: number,
  K: number,
  w: Float64Array,
  b: ArrayLike<number>,
  y: number,
  p: Float64Array,
): number {
  const base = i * K * J;
  for (let g = 0; g < K; g++) p[g] = b[g] as number;
  for (let j = 0; j < J; j++) {
    const wj = w[h * J + j] as number;
    for (let g = 0, at = base + j; g < K; g++, at += J) p[g] = (p[g] as number) + wj * (logs[at] as number);
  }
  let max = Number.NEGATIVE_INFINITY;
  for (let g = 0; g < K; g++) if ((p[g] as number) > max) max = p[g] as number;
  const sy = y >= 0 ? (p[y] as number) : 0;
  let sum = 0;
  for (let g = 0; g < K; g++) {
    const e = Math.exp((p[g] as number) - max);
    p[g] = e;
    sum += e;
  }
  const inv = 1 / sum;
  for (let g = 0; g < K; g++) p[g] = (p[g] as number) * inv;
  return y >= 0 ? Math.log(sum) + max - sy : 0;
}

/** softplus(u) = log(1 + eᵘ), computed without overflow. */
const softplus = (u: number) => (u > 0 ? u + Math.log1p(Math.exp(-u)) : Math.log1p(Math.exp(u)));
const sigmoid = (u: number) => 1 / (1 + Math.exp(-u));
/** The u with softplus(u) = 1: every expert starts at weight 1. */
const UNIT_WEIGHT = Math.log(Math.E - 1);

/**
 * Fits the pooling weights and class biases by maximum likelihood (multinomial logistic loss of a
 * conditional-logit model: the weights are shared by all classes, so J per group plus K biases are fitted,
 * not K·J) with the package's L-BFGS, starting from weight 1 for every expert and bias 0.
 *
 * Weights are kept non-negative (w = softplus(u), optimised over u): an expert's evidence may only support a
 * class. Left free, the fit on the seed's random split gives the album expert a negative weight, because there a
 * validation row's album was often counted under another genre for the very same track (a track listed under
 * several genres, its copies scattered across the split): "not the genre its copy had" is a property of that
 * split, not of the music.
 */
export function fitCombiner(
  input: CombinerInput,
  labels: Int32Array,
  options: CombinerOptions = {},
): CombinerFit {
  const { l2 = 1e-4, l2Weights = 1e-3, maxIter = 500, tol = 1e-4 } = options;
  const { rows, logs } = logExperts(input);
  if (labels.length !== rows) throw new Error(`${labels.length} labels for ${rows} rows`);
  if (rows === 0) throw new Error("cannot fit the combiner on no rows");
  const K = input.nClasses;
  for (const y of labels)
    if (!Number.isInteger(y) || y < 0 || y >= K) throw new RangeError(`label ${y} is not a class`);
  const J = input.experts.length;
  const nw = input.nGroups * J;
  const w = new Float64Array(nw);
  const p = new Float64Array(K);
  const objective = (x: Float64Array, grad: Float64Array): number => {
    for (let q = 0; q < nw; q++) w[q] = softplus(x[q] as number);
    const b = x.subarray(nw);
    grad.fill(0);
    let loss = 0;
    for (let i = 0; i < rows; i++) {
      const h = input.groups[i] as number;
      const y = labels[i] as number;
      loss += pooledRow(logs, i, h, J, K, w, b, y, p);
      // d loss / d s_g = p_g − [g = y]; s_g is linear in the weights and biases.
      p[y] = (p[y] as number) - 1;
      const base = i * K * J;
      for (let j = 0; j < J; j++) {
        let sum = 0;
        for (let g = 0, at = base + j; g < K; g++, at += J) sum += (p[g] as number) * (logs[at] as number);
        grad[h * J + j] = (grad[h * J + j] as number) + sum;
      }
      for (let g = 0; g < K; g++) grad[nw + g] = (grad[nw + g] as number) + (p[g] as number);
    }
    let penalty = 0;
    for (let q = 0; q < nw; q++) {
      const wq = w[q] as number;
      penalty += l2Weights * wq * wq;
      // Chain rule through w = softplus(u): dw/du = sigmoid(u).
      grad[q] = ((grad[q] as number) / rows + l2Weights * wq) * sigmoid(x[q] as number);
    }
    for (let g = 0; g < K; g++) {
      const bg = b[g] as number;
      penalty += l2 * bg * bg;
      grad[nw + g] = (grad[nw + g] as number) / rows + l2 * bg;
    }
    return loss / rows + 0.5 * penalty;
  };
  const x0 = new Float64Array(nw + K);
  x0.fill(UNIT_WEIGHT, 0, nw);
  const result = lbfgs(objective, x0, { maxIter, gtol: tol, maxLineSearch: 50 });
  const weights = Float64Array.from(result.x.subarray(0, nw), softplus);
  const bias = Float64Array.from(result.x.subarray(nw));
  let loss = 0;
  for (let i = 0; i < rows; i++) {
    loss += pooledRow(logs, i, input.groups[i] as number, J, K, weights, bias, labels[i] as number, p);
  }
  return {
    weights,
    bias,
    nExperts: J,
    nGroups: input.nGroups,
    iterations: result.iterations,
    evaluations: result.evaluations,
    converged: result.converged,
    stop: result.stop,
    logLoss: loss / rows,
  };
}

/** The pooled class probabilities (n × K) of a fitted combiner. */
export function combine(fit: CombinerFit, input: CombinerInput): Float64Array {
  if (
    input.experts.length !== fit.nExperts ||
    input.nGroups !== fit.nGroups ||
    input.nClasses !== fit.bias.length
  ) {
    throw new Error(
      `the combiner was fitted on ${fit.nExperts} experts, ${fit.nGroups} groups and ${fit.bias.length} classes; ` +
        `given ${input.experts.length}, ${input.nGroups} and ${input.nClasses}`,
    );
  }
  const { rows, logs } = logExperts(input);
  const K = input.nClasses;
  const out = new Float64Array(rows * K);
  for (let i = 0; i < rows; i++) {
    pooledRow(
      logs,
      i,
      input.groups[i] as number,
      fit.nExperts,
      K,
      fit.weights,
      fit.bias,
      -1,
      out.subarray(i * K, (i + 1) * K),
    );
  }
  return out;
}
