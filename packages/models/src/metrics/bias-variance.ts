import type { Random } from "../random.ts";

export interface BiasVarianceOptions {
  /** The training set's size: each round fits on `nTrain` row indices drawn with replacement from it. */
  nTrain: number;
  /** Targets of the test set (class labels for "0-1_loss", values for "mse"). */
  yTest: ArrayLike<number>;
  /** Fits a fresh model on the given training rows and returns its predictions for the whole test set. */
  fitPredict: (trainIndices: Int32Array, round: number) => ArrayLike<number>;
  loss: "mse" | "0-1_loss";
  /** Bootstrap rounds; mlxtend's default is 200. */
  numRounds?: number;
  rng: Random;
}

export interface BiasVariance {
  avgExpectedLoss: number;
  avgBias: number;
  avgVar: number;
}

/**
 * Bias–variance decomposition by bootstrap, as mlxtend's `bias_variance_decomp`. Each of `numRounds` rounds
 * draws `nTrain` training indices with replacement and records the model's test predictions; then, over
 * test points i and rounds r with predictions p[r, i]:
 *
 * - "mse": main prediction m_i = mean_r p[r, i]; avgExpectedLoss = mean_{r,i} (p − y)²,
 *   avgBias = mean_i (m_i − y_i)², avgVar = mean_{r,i} (m_i − p[r, i])² (so loss = bias + var exactly).
 * - "0-1_loss": main prediction m_i = the mode of p[·, i], ties to the smallest label (numpy's
 *   argmax of bincount); avgExpectedLoss = mean_{r,i} [p ≠ y], avgBias = mean_i [m_i ≠ y_i],
 *   avgVar = mean_{r,i} [p ≠ m_i]. Predictions must be non-negative integer labels.
 *
 * mlxtend's "bias" for mse is the squared bias. Its bootstrap uses numpy's RandomState; this uses `rng`.
 */
export function biasVarianceDecomp({
  nTrain,
  yTest,
  fitPredict,
  loss,
  numRounds = 200,
  rng,
}: BiasVarianceOptions): BiasVariance {
  const n = yTest.length;
  const all = new Float64Array(numRounds * n);
  for (let r = 0; r < numRounds; r++) {
    const pred = fitPredict(rng.bootstrap(nTrain), r);
    if (pred.length !== n)
      throw new RangeError(`round ${r} predicted ${pred.length} values for ${n} test rows`);
    for (let i = 0; i < n; i++) {
      const p = pred[i] as number;
      if (loss === "0-1_loss" && !(Number.isInteger(p) && p >= 0)) {
        throw new RangeError(`0-1 loss needs non-negative integer predictions, got ${p}`);
      }
      all[r * n + i] = p;
    }
  }
  return loss === "mse" ? squared(all, yTest, numRounds) : zeroOne(all, yTest, numRounds);
}

function squared(all: Float64Array, y: ArrayLike<number>, rounds: number): BiasVariance {
  const n = y.length;
  const main = new Float64Array(n);
  let loss = 0;
  for (let r = 0; r < rounds; r++) {
    for (let i = 0; i < n; i++) {
      const p = all[r * n + i] as number;
      const d = p - (y[i] as number);
      loss += d * d;
      main[i] = (main[i] as number) + p;
    }
  }
  let bias = 0;
  for (let i = 0; i < n; i++) {
    main[i] = (main[i] as number) / rounds;
    const d = (main[i] as number) - (y[i] as number);
    bias += d * d;
  }
  let variance = 0;
  for (let r = 0; r < rounds; r++) {
    for (let i = 0; i < n; i++) {
      const d = (main[i] as number) - (all[r * n + i] as number);
      variance += d * d;
    }
  }
  return { avgExpectedLoss: loss / (rounds * n), avgBias: bias / n, avgVar: variance / (rounds * n) };
}

function zeroOne(all: Float64Array, y: ArrayLike<number>, rounds: number): BiasVariance {
  const n = y.length;
  let loss = 0;
  let bias = 0;
  let variance = 0;
  const counts = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    counts.clear();
    for (let r = 0; r < rounds; r++) {
      const p = all[r * n + i] as number;
      counts.set(p, (counts.get(p) ?? 0) + 1);
      if (p !== y[i]) loss++;
    }
    let mode = -1;
    let best = 0;
    for (const [label, count] of counts) {
      if (count > best || (count === best && label < mode)) {
        mode = label;
        best = count;
      }
    }
    if (mode !== y[i]) bias++;
    variance += rounds - best;
  }
  return { avgExpectedLoss: loss / (rounds * n), avgBias: bias / n, avgVar: variance / (rounds * n) };
}
