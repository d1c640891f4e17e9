import * as tf from "@tensorflow/tfjs";

/**
 * sklearn's "balanced" class weights, as the seed computed them: n / (K · count_k) over the training labels.
 * Every class must occur (a missing class would get an infinite weight).
 */
export function balancedClassWeights(labels: Int32Array, nClasses: number): Float64Array {
  const counts = new Float64Array(nClasses);
  for (const y of labels) {
    if (!(y >= 0 && y < nClasses)) throw new Error(`label ${y} is outside 0..${nClasses - 1}`);
    counts[y] = (counts[y] as number) + 1;
  }
  const missing = [...counts.keys()].filter((k) => counts[k] === 0);
  if (missing.length) throw new Error(`classes ${missing.join(", ")} have no training rows`);
  return counts.map((c) => labels.length / (nClasses * c));
}

/**
 * PyTorch's `nn.CrossEntropyLoss(weight=w)` with mean reduction: Σᵢ w_{yᵢ}·(−log softmax(zᵢ)_{yᵢ}) / Σᵢ w_{yᵢ}.
 * `targets` holds each row's class weight at its class's column and zeros elsewhere (a weighted one-hot).
 *
 * The gradient is written out, (softmax(z)·w_y − targets) / Σ w_y, rather than differentiated through
 * logSoftmax: it is the same function with fewer kernels per step.
 */
export const weightedCrossEntropy = tf.customGrad((...args: unknown[]) => {
  const [logits, targets, save] = args as [tf.Tensor2D, tf.Tensor2D, tf.GradSaveFunc];
  const total = tf.sum(targets);
  const logProbabilities = tf.logSoftmax(logits);
  save([logProbabilities, targets, total]);
  return {
    value: tf.div(tf.neg(tf.sum(tf.mul(targets, logProbabilities))), total) as tf.Scalar,
    gradFunc: (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[]) => {
      const [logP, t, sum] = saved as [tf.Tensor2D, tf.Tensor2D, tf.Scalar];
      const rowWeight = tf.sum(t, 1, true);
      const gradient = tf.div(tf.sub(tf.mul(tf.exp(logP), rowWeight), t), sum);
      return [tf.mul(gradient, dy as tf.Scalar), tf.zerosLike(t)];
    },
  };
}) as (logits: tf.Tensor2D, targets: tf.Tensor2D) => tf.Scalar;

/**
 * The same loss on host probabilities (float64), for validation curves:
 * Σ w_y·(−log p_y) / Σ w_y with p clipped at 1e-15 as sklearn's log_loss does.
 */
export function weightedCrossEntropyOf(
  probabilities: Float64Array,
  labels: Int32Array,
  weights: Float64Array,
): number {
  const k = weights.length;
  if (probabilities.length !== labels.length * k) {
    throw new Error(`${probabilities.length} probabilities do not fit ${labels.length} rows × ${k} classes`);
  }
  let loss = 0;
  let total = 0;
  labels.forEach((y, i) => {
    const w = weights[y] as number;
    loss -= w * Math.log(Math.max(probabilities[i * k + y] as number, 1e-15));
    total += w;
  });
  return loss / total;
}
