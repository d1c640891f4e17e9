import * as tf from "@tensorflow/tfjs";

/** PyTorch's BatchNorm1d defaults. */
export const BATCH_NORM = { epsilon: 1e-5, momentum: 0.1 } as const;

export interface BatchNormVariables {
  gamma: tf.Variable<tf.Rank.R1>;
  beta: tf.Variable<tf.Rank.R1>;
  movingMean: tf.Variable<tf.Rank.R1>;
  movingVariance: tf.Variable<tf.Rank.R1>;
}

/** Column sums of a batch (rows = examples) via its transpose: the wasm backend reduces rows fast, columns slowly. */
function columnSums(x: tf.Tensor): tf.Tensor1D {
  return tf.sum(tf.transpose(x), 1);
}

/**
 * Batch normalisation in training mode, as PyTorch's BatchNorm1d: normalise by the batch mean and biased
 * variance, scale by γ and shift by β, and move the running statistics towards the batch's (momentum 0.1,
 * the variance unbiased). The gradient is the closed form
 *
 *   dβ = Σ dy,  dγ = Σ dy·x̂,  dz = γ/σ · (dy − (dβ + x̂·dγ)/n)
 *
 * with both batch sums taken from one transpose; differentiating the forward ops instead costs six column
 * reductions and a naive transposed matMul per layer on the wasm backend.
 */
export function batchNormTraining(z: tf.Tensor2D, norm: BatchNormVariables): tf.Tensor2D {
  const { epsilon, momentum } = BATCH_NORM;
  const [n, columns] = z.shape;
  if (n < 2) throw new Error("batch normalisation needs at least 2 rows per training batch");
  const op = tf.customGrad((...args: unknown[]) => {
    const [input, gamma, beta, save] = args as [tf.Tensor2D, tf.Tensor1D, tf.Tensor1D, tf.GradSaveFunc];
    const inputT = tf.transpose(input);
    const mean = tf.div(tf.sum(inputT, 1), n);
    const variance = tf.div(tf.sum(tf.square(tf.sub(inputT, tf.reshape(mean, [columns, 1]))), 1), n);
    const invStd = tf.rsqrt(tf.add(variance, epsilon));
    const normalised = tf.mul(tf.sub(input, mean), invStd);
    norm.movingMean.assign(tf.add(tf.mul(norm.movingMean, 1 - momentum), tf.mul(mean, momentum)));
    norm.movingVariance.assign(
      tf.add(tf.mul(norm.movingVariance, 1 - momentum), tf.mul(variance, (momentum * n) / (n - 1))),
    );
    save([normalised, invStd, gamma]);
    return {
      value: tf.add(tf.mul(normalised, gamma), beta) as tf.Tensor2D,
      gradFunc: (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[]) => {
        const [xHat, inverse, g] = saved as [tf.Tensor2D, tf.Tensor1D, tf.Tensor1D];
        const d = dy as tf.Tensor2D;
        const [dBeta, dGamma] = tf.split(columnSums(tf.concat([d, tf.mul(d, xHat)], 1)), 2) as [
          tf.Tensor1D,
          tf.Tensor1D,
        ];
        const dz = tf.mul(
          tf.mul(g, inverse),
          tf.sub(d, tf.div(tf.add(dBeta, tf.mul(xHat, dGamma)), n)),
        ) as tf.Tensor2D;
        return [dz, dGamma, dBeta];
      },
    };
  }) as (z: tf.Tensor2D, gamma: tf.Tensor1D, beta: tf.Tensor1D) => tf.Tensor2D;
  return op(z, norm.gamma, norm.beta);
}

/** Batch normalisation at evaluation: the running statistics. */
export function batchNormInference(z: tf.Tensor2D, norm: BatchNormVariables): tf.Tensor2D {
  const scale = tf.div(norm.gamma, tf.sqrt(tf.add(norm.movingVariance, BATCH_NORM.epsilon)));
  return tf.add(tf.mul(tf.sub(z, norm.movingMean), scale), norm.beta);
}
