import * as tf from "@tensorflow/tfjs";
import { columnSums } from "./transpose.ts";

/** PyTorch's BatchNorm1d defaults. */
export const BATCH_NORM = { epsilon: 1e-5, momentum: 0.1 } as const;

export interface BatchNormVariables {
  gamma: tf.Variable<tf.Rank.R1>;
  beta: tf.Variable<tf.Rank.R1>;
  movingMean: tf.Variable<tf.Rank.R1>;
  movingVariance: tf.Variable<tf.Rank.R1>;
}

/**
 * Batch normalisation in training mode, as PyTorch's BatchNorm1d: normalise by the batch mean and biased
 * variance, scale by γ and shift by β, and move the running statistics towards the batch's (momentum 0.1,
 * the variance unbiased). The gradient is the closed form
 *
 *   dβ = Σ dy,  dγ = Σ dy·x̂,  dz = γ/σ · (dy − (dβ + x̂·dγ)/n)
 *
 * with every batch sum taken as 1ᵀ·x (`columnSums`); differentiating the forward ops instead costs six
 * column reductions and a naive transposed matMul per layer on the wasm backend.
 */
export function batchNormTraining(z: tf.Tensor2D, norm: BatchNormVariables): tf.Tensor2D {
  const { epsilon, momentum } = BATCH_NORM;
  const n = z.shape[0];
  if (n < 2) throw new Error("batch normalisation needs at least 2 rows per training batch");
  const op = tf.customGrad((...args: unknown[]) => {
    const [input, gamma, beta, save] = args as [tf.Tensor2D, tf.Tensor1D, tf.Tensor1D, tf.GradSaveFunc];
    const mean = tf.mul(columnSums(input), 1 / n);
    const centred = tf.sub(input, mean) as tf.Tensor2D;
    const variance = tf.mul(columnSums(tf.square(centred)), 1 / n);
    const invStd = tf.rsqrt(tf.add(variance, epsilon));
    const normalised = tf.mul(centred, invStd);
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
        const dBeta = columnSums(d);
        const dGamma = columnSums(tf.mul(d, xHat) as tf.Tensor2D);
        const dz = tf.mul(
          tf.mul(g, inverse),
          tf.sub(d, tf.mul(tf.add(dBeta, tf.mul(xHat, dGamma)), 1 / n)),
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
