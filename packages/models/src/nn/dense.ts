import * as tf from "@tensorflow/tfjs";
import { columnSums, transpose2d } from "./transpose.ts";

/**
 * A fully connected layer, x·W + b, with a hand-written gradient.
 *
 * TensorFlow.js differentiates matMul into matMuls with `transposeA`/`transposeB` set, and the wasm
 * backend runs those through a naive loop: measured here, 1024×64 by 64×64 took ~10 ms transposed against
 * ~0.8 ms plain, which made the backward pass 90 % of a training step. This gradient transposes the
 * operands explicitly (`transpose2d`) and multiplies them untransposed (XNNPACK), and sums the bias
 * gradient as 1ᵀ·dy (a matMul, where `sum(dy, 0)` transposes too). The values are the same as the
 * built-in gradient's.
 * The forward pass adds the bias inside the matMul kernel (one kernel call instead of two).
 */
function makeDense(inputGradient: boolean) {
  return tf.customGrad((...args: unknown[]) => {
    const [x, w, b, save] = args as [tf.Tensor2D, tf.Tensor2D, tf.Tensor1D, tf.GradSaveFunc];
    save([x, w]);
    return {
      value: tf.fused.matMul({ a: x, b: w, bias: b }),
      gradFunc: (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[]) => {
        const [xs, ws] = saved as [tf.Tensor2D, tf.Tensor2D];
        const d = dy as tf.Tensor2D;
        return [
          // The first layer's input is data: its gradient is never used, so it is not computed.
          inputGradient ? tf.matMul(d, transpose2d(ws)) : tf.zerosLike(xs),
          tf.matMul(transpose2d(xs), d),
          columnSums(d),
        ];
      },
    };
  }) as (x: tf.Tensor2D, w: tf.Tensor2D, b: tf.Tensor1D) => tf.Tensor2D;
}

const denseHidden = makeDense(true);
const denseInput = makeDense(false);

/**
 * x·W + b for a batch x (rows) and kernel W (input × output). `isInput` marks the network's first layer,
 * whose input needs no gradient.
 */
export function dense(x: tf.Tensor2D, w: tf.Tensor2D, b: tf.Tensor1D, isInput = false): tf.Tensor2D {
  return (isInput ? denseInput : denseHidden)(x, w, b);
}
