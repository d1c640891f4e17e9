import * as tf from "@tensorflow/tfjs";
import { argmaxRows } from "../evaluate/classification.ts";
import type { Matrix } from "../matrix.ts";
import type { Adam } from "./adam.ts";
import { weightedCrossEntropy } from "./loss.ts";
import type { Mlp } from "./mlp.ts";

/**
 * Training rows in host memory (float32), from which each step builds its batch tensors. Assembling batches
 * in JavaScript is cheaper than gathering on the backend (three gather kernels cost more than the copy).
 */
export class TrainingRows {
  readonly rows: number;
  readonly cols: number;
  readonly classes: number;
  readonly #x: Float32Array;
  readonly #y: Int32Array;
  readonly #weights: Float64Array;

  constructor(x: Matrix, y: Int32Array, classWeights: Float64Array) {
    if (x.rows !== y.length) throw new Error(`${x.rows} rows but ${y.length} labels`);
    this.rows = x.rows;
    this.cols = x.cols;
    this.classes = classWeights.length;
    this.#x = Float32Array.from(x.data);
    this.#y = y;
    this.#weights = classWeights;
    for (const label of y) {
      if (!(label >= 0 && label < this.classes))
        throw new Error(`label ${label} is outside 0..${this.classes - 1}`);
    }
  }

  /** The rows `indices`: features, labels, and weighted one-hot targets (w_y at column y). */
  batch(indices: Int32Array): { x: tf.Tensor2D; y: Int32Array; targets: tf.Tensor2D } {
    const { cols, classes } = this;
    const x = new Float32Array(indices.length * cols);
    const targets = new Float32Array(indices.length * classes);
    const y = new Int32Array(indices.length);
    indices.forEach((row, i) => {
      x.set(this.#x.subarray(row * cols, (row + 1) * cols), i * cols);
      const label = this.#y[row] as number;
      y[i] = label;
      targets[i * classes + label] = this.#weights[label] as number;
    });
    return {
      x: tf.tensor2d(x, [indices.length, cols]),
      y,
      targets: tf.tensor2d(targets, [indices.length, classes]),
    };
  }
}

/**
 * The batches of one pass over `order`, `batchSize` rows each and the remainder last (PyTorch's DataLoader
 * with drop_last=False). A remainder smaller than `minRows` is dropped (batch normalisation cannot train on
 * a single row; PyTorch would raise).
 */
export function batchesOf(order: Int32Array, batchSize: number, minRows = 1): Int32Array[] {
  if (!(Number.isInteger(batchSize) && batchSize > 0)) throw new RangeError(`bad batch size ${batchSize}`);
  const out: Int32Array[] = [];
  for (let start = 0; start < order.length; start += batchSize) {
    const batch = order.subarray(start, Math.min(start + batchSize, order.length));
    if (batch.length >= minRows) out.push(batch);
  }
  return out;
}

/** One optimiser step on the rows `indices`: the batch's loss and how many of its rows the net got right. */
export function trainingStep(
  model: Mlp,
  adam: Adam,
  data: TrainingRows,
  indices: Int32Array,
  lr: number,
  dropoutSeed: number,
): { loss: number; correct: number } {
  const variables = model.trainable();
  const batch = data.batch(indices);
  let loss = Number.NaN;
  let scores: ArrayLike<number> = [];
  try {
    tf.tidy(() => {
      let logits: tf.Tensor2D | undefined;
      const { value, grads } = tf.variableGrads(() => {
        const z = model.logits(batch.x, { training: true, dropoutSeed });
        logits = tf.keep(z);
        return weightedCrossEntropy(z, batch.targets);
      }, variables);
      adam.apply(
        variables.map((v) => grads[v.name] as tf.Tensor),
        lr,
      );
      loss = value.dataSync()[0] as number;
      scores = (logits as tf.Tensor2D).dataSync();
      logits?.dispose();
    });
  } finally {
    batch.x.dispose();
    batch.targets.dispose();
  }
  const correct = argmaxRows(Float64Array.from(scores), data.classes).reduce(
    (n, predicted, i) => n + (predicted === batch.y[i] ? 1 : 0),
    0,
  );
  return { loss, correct };
}
