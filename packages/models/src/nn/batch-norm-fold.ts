/**
 * Folds an evaluation-mode batch normalisation into the dense layer before it:
 *
 *   BN(x·W + b) = γ·(x·W + b − μ)/√(σ² + ε) + β = x·W' + b'  with  s = γ/√(σ² + ε),
 *   W'[i][j] = W[i][j]·s_j,  b'_j = (b_j − μ_j)·s_j + β_j.
 *
 * `weights` is row-major inputSize × outputSize; computed in float64.
 */
export interface DenseArrays {
  weights: Float64Array;
  bias: Float64Array;
}

export interface BatchNormArrays {
  gamma: ArrayLike<number>;
  beta: ArrayLike<number>;
  mean: ArrayLike<number>;
  variance: ArrayLike<number>;
  epsilon: number;
}

export function foldBatchNorm(dense: DenseArrays, norm: BatchNormArrays): DenseArrays {
  const outputs = dense.bias.length;
  if (dense.weights.length % outputs !== 0) throw new Error("weights do not have one column per output");
  for (const part of [norm.gamma, norm.beta, norm.mean, norm.variance]) {
    if (part.length !== outputs) throw new Error(`batch norm has ${part.length} units, the layer ${outputs}`);
  }
  const scale = Float64Array.from(
    { length: outputs },
    (_, j) => (norm.gamma[j] as number) / Math.sqrt((norm.variance[j] as number) + norm.epsilon),
  );
  const weights = dense.weights.map((w, k) => w * (scale[k % outputs] as number));
  const bias = dense.bias.map(
    (b, j) => (b - (norm.mean[j] as number)) * (scale[j] as number) + (norm.beta[j] as number),
  );
  return { weights, bias };
}
