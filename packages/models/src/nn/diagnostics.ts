import * as tf from "@tensorflow/tfjs";
import type { Mlp } from "./mlp.ts";

/** ‖θ‖₂ over every trainable parameter: what weight decay shrinks. */
export function weightNorm(model: Mlp): number {
  return tf.tidy(() => {
    const squares = model.trainable().map((v) => tf.sum(tf.square(v)));
    return Math.sqrt(tf.addN(squares).dataSync()[0] as number);
  });
}

/**
 * How much the predicted distribution depends on the input: the mean, over rows, of the total-variation
 * distance ½·Σ_k |p_ik − p̄_k| between a row's probabilities and the average row's. 0 means every row gets
 * the same prediction; 1 would need one-hot predictions that never agree with the average.
 */
export function outputSpread(probabilities: Float64Array, k: number): number {
  const n = probabilities.length / k;
  if (!Number.isInteger(n) || n === 0)
    throw new Error(`${probabilities.length} probabilities do not fit ${k} classes`);
  const mean = new Float64Array(k);
  for (let i = 0; i < n; i++)
    for (let c = 0; c < k; c++) mean[c] = (mean[c] as number) + (probabilities[i * k + c] as number) / n;
  let total = 0;
  for (let i = 0; i < n; i++) {
    let distance = 0;
    for (let c = 0; c < k; c++)
      distance += Math.abs((probabilities[i * k + c] as number) - (mean[c] as number));
    total += distance / 2;
  }
  return total / n;
}
