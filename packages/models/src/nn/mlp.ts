import * as tf from "@tensorflow/tfjs";
import { Random } from "../random.ts";
import { type BatchNormVariables, batchNormInference, batchNormTraining } from "./batch-norm.ts";
import { dense } from "./dense.ts";

export type Activation = "sigmoid" | "relu" | "tanh" | "elu";
/**
 * `pytorch`: nn.Linear's default, U(±1/√fan_in) for weights and biases (the seed's network);
 * `he`: U(±√(6/fan_in)) weights, zero biases (for ReLU-like units); `glorot`: U(±√(6/(fan_in+fan_out))).
 */
export type Initialiser = "pytorch" | "he" | "glorot";

/** A multilayer perceptron: dense → [batch norm] → activation → [dropout] per hidden layer, then dense logits. */
export interface MlpSpec {
  inputSize: number;
  hidden: readonly number[];
  outputSize: number;
  activation: Activation;
  batchNorm: boolean;
  /** Probability of zeroing a hidden unit during training (inverted dropout); 0 for none. */
  dropout: number;
  init: Initialiser;
}

export interface DenseVariables {
  /** inputSize × outputSize. */
  kernel: tf.Variable<tf.Rank.R2>;
  bias: tf.Variable<tf.Rank.R1>;
  norm?: BatchNormVariables;
}

/** A forward pass at evaluation time, or a training one (batch statistics, dropout drawn from `seed`). */
export type ForwardPass = { training: false } | { training: true; dropoutSeed: number };

export function validateSpec(spec: MlpSpec): void {
  const sizes = [spec.inputSize, ...spec.hidden, spec.outputSize];
  if (!sizes.every((s) => Number.isInteger(s) && s > 0)) {
    throw new Error(`layer sizes must be positive integers, got ${sizes.join(" → ")}`);
  }
  if (!(spec.dropout >= 0 && spec.dropout < 1))
    throw new Error(`dropout must be in [0, 1), got ${spec.dropout}`);
}

function uniform(rng: Random, shape: number[], bound: number): tf.Tensor {
  const values = new Float32Array(shape.reduce((a, b) => a * b, 1));
  for (let i = 0; i < values.length; i++) values[i] = (2 * rng.nextFloat() - 1) * bound;
  return tf.tensor(values, shape);
}

/** A variable holding `initial()`'s values; the initial tensor is freed (the variable keeps its data). */
function variable<R extends tf.Rank>(initial: () => tf.Tensor, trainable = true): tf.Variable<R> {
  return tf.tidy(() => tf.variable(initial(), trainable)) as tf.Variable<R>;
}

function activate(z: tf.Tensor2D, activation: Activation): tf.Tensor2D {
  switch (activation) {
    case "sigmoid":
      return tf.sigmoid(z);
    case "relu":
      return tf.relu(z);
    case "tanh":
      return tf.tanh(z);
    case "elu":
      return tf.elu(z);
  }
}

/**
 * The network as TensorFlow.js variables. Initial values come from the project's seeded `Random`, not
 * from TensorFlow.js's initialisers, so a seed gives the same starting weights on every backend.
 */
export class Mlp {
  readonly spec: MlpSpec;
  readonly layers: DenseVariables[];

  constructor(spec: MlpSpec, seed: number) {
    validateSpec(spec);
    this.spec = { ...spec, hidden: [...spec.hidden] };
    const rng = new Random(seed);
    const sizes = [spec.inputSize, ...spec.hidden, spec.outputSize];
    this.layers = sizes.slice(1).map((fanOut, i) => {
      const fanIn = sizes[i] as number;
      const bound =
        spec.init === "pytorch"
          ? 1 / Math.sqrt(fanIn)
          : spec.init === "he"
            ? Math.sqrt(6 / fanIn)
            : Math.sqrt(6 / (fanIn + fanOut));
      const layer: DenseVariables = {
        kernel: variable(() => uniform(rng, [fanIn, fanOut], bound)),
        bias: variable(() => (spec.init === "pytorch" ? uniform(rng, [fanOut], bound) : tf.zeros([fanOut]))),
      };
      if (i < spec.hidden.length && spec.batchNorm) {
        layer.norm = {
          gamma: variable(() => tf.ones([fanOut])),
          beta: variable(() => tf.zeros([fanOut])),
          movingMean: variable(() => tf.zeros([fanOut]), false),
          movingVariance: variable(() => tf.ones([fanOut]), false),
        };
      }
      return layer;
    });
  }

  /** The variables the optimiser updates, in a fixed order. */
  trainable(): tf.Variable[] {
    return this.layers.flatMap((l) => [l.kernel, l.bias, ...(l.norm ? [l.norm.gamma, l.norm.beta] : [])]);
  }

  /** Every variable, running statistics included: what a snapshot must save. */
  state(): tf.Variable[] {
    return this.layers.flatMap((l) => [
      l.kernel,
      l.bias,
      ...(l.norm ? [l.norm.gamma, l.norm.beta, l.norm.movingMean, l.norm.movingVariance] : []),
    ]);
  }

  parameterCount(): number {
    return this.trainable().reduce((n, v) => n + v.size, 0);
  }

  /** Unnormalised class scores for a batch (rows = examples). */
  logits(x: tf.Tensor2D, pass: ForwardPass = { training: false }): tf.Tensor2D {
    const { activation, dropout } = this.spec;
    let h = x;
    this.layers.forEach((layer, i) => {
      let z = dense(h, layer.kernel, layer.bias, i === 0);
      if (i === this.layers.length - 1) {
        h = z;
        return;
      }
      if (layer.norm)
        z = pass.training ? batchNormTraining(z, layer.norm) : batchNormInference(z, layer.norm);
      h = activate(z, activation);
      if (pass.training && dropout > 0)
        h = tf.dropout(h, dropout, undefined, pass.dropoutSeed + i) as tf.Tensor2D;
    });
    return h;
  }

  /** A copy of every variable's values (host memory), for restoring the best epoch later. */
  snapshot(): Float32Array[] {
    return this.state()
      .map((v) => v.dataSync() as Float32Array)
      .map((a) => a.slice());
  }

  restore(snapshot: Float32Array[]): void {
    const variables = this.state();
    if (snapshot.length !== variables.length) throw new Error("snapshot does not match this network");
    tf.tidy(() => {
      variables.forEach((v, i) => {
        v.assign(tf.tensor(snapshot[i] as Float32Array, v.shape));
      });
    });
  }

  dispose(): void {
    for (const v of this.state()) v.dispose();
  }
}
