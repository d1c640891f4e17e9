import * as tf from "@tensorflow/tfjs";

/**
 * How weight decay enters Adam.
 *
 * - `coupled`: PyTorch `Adam(weight_decay=λ)` — λ·θ is added to the gradient before Adam's moment
 *   estimates, exactly the gradient of an L2 penalty (λ/2)·Σθ² on every parameter, biases included. Adam
 *   then divides the sum by its running RMS, so the penalty's pull is rescaled per parameter together
 *   with the data's gradient.
 * - `decoupled`: PyTorch `AdamW(weight_decay=λ)` — θ ← θ·(1 − lr·λ) before the Adam step, outside the
 *   moment estimates (Loshchilov & Hutter, "Decoupled Weight Decay Regularization", 2019).
 * - `none`.
 */
export type WeightDecayMode = "coupled" | "decoupled" | "none";

export interface WeightDecay {
  mode: WeightDecayMode;
  /** λ. */
  rate: number;
}

/** The gradient Adam sees: g + λ·θ under coupled decay, g otherwise. */
export function decayedGradient(gradient: tf.Tensor, parameter: tf.Tensor, decay: WeightDecay): tf.Tensor {
  return decay.mode === "coupled" && decay.rate !== 0
    ? tf.add(gradient, tf.mul(parameter, decay.rate))
    : gradient;
}

/** The parameter the Adam step starts from: θ·(1 − lr·λ) under decoupled decay, θ otherwise. */
export function decayedParameter(parameter: tf.Tensor, decay: WeightDecay, lr: number): tf.Tensor {
  return decay.mode === "decoupled" && decay.rate !== 0 ? tf.mul(parameter, 1 - lr * decay.rate) : parameter;
}
