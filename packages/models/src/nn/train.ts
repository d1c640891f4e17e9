import { argmaxRows } from "../evaluate/classification.ts";
import type { Matrix } from "../matrix.ts";
import { accuracy } from "../metrics/index.ts";
import { Random } from "../random.ts";
import { ADAM_DEFAULTS, Adam } from "./adam.ts";
import { outputSpread, weightNorm } from "./diagnostics.ts";
import { EarlyStopping, type EarlyStoppingConfig } from "./early-stopping.ts";
import { weightedCrossEntropyOf } from "./loss.ts";
import type { Mlp } from "./mlp.ts";
import { predictProba } from "./predict.ts";
import { learningRateAt, type Schedule } from "./schedule.ts";
import { batchesOf, TrainingRows, trainingStep } from "./step.ts";
import type { WeightDecay } from "./weight-decay.ts";

export interface TrainingConfig {
  /** Names the run in progress lines. */
  name: string;
  batchSize: number;
  maxEpochs: number;
  learningRate: number;
  schedule: Schedule;
  weightDecay: WeightDecay;
  /** Stop on the validation loss; null trains all `maxEpochs`. */
  earlyStopping: EarlyStoppingConfig | null;
  /** Seeds the per-epoch shuffles and the dropout masks. */
  seed: number;
}

export interface LabelledRows {
  x: Matrix;
  y: Int32Array;
}

/** One epoch's figures: training ones averaged over its batches (in training mode), validation ones after it. */
export interface EpochRecord {
  epoch: number;
  learningRate: number;
  trainLoss: number;
  trainAccuracy: number;
  validationLoss: number;
  validationAccuracy: number;
  /** ‖θ‖₂ at the end of the epoch. */
  weightNorm: number;
  /** Mean total-variation distance of validation predictions from their average (0: input-independent). */
  outputSpread: number;
}

export interface TrainingHistory {
  epochs: EpochRecord[];
  /** Wall seconds per epoch, for the build log only. */
  seconds: number[];
  /** 1-based epoch with the lowest validation loss (by more than early stopping's minDelta, when it is on). */
  bestEpoch: number;
  /** The epoch early stopping ended training at, or null when it ran `maxEpochs`. */
  stoppedEarlyAt: number | null;
  /** Whether the weights were put back to the best epoch's. */
  restoredBest: boolean;
}

export interface TrainingHooks {
  log?: (line: string) => void;
  /** Called after each epoch's validation, with the model as it stands then (to inspect, not to train). */
  onEpoch?: (record: EpochRecord, model: Mlp) => void;
}

const fmt = (x: number) => x.toFixed(4);

/**
 * Trains `model` in place with mini-batch Adam on the class-weighted cross entropy, as the seed's Lightning
 * loop did: a fresh shuffle each epoch, the schedule's learning rate for the epoch, then a validation pass
 * whose (weighted) loss drives early stopping.
 */
export function trainMlp(
  model: Mlp,
  train: LabelledRows,
  validation: LabelledRows,
  classWeights: Float64Array,
  config: TrainingConfig,
  hooks: TrainingHooks = {},
): TrainingHistory {
  if (classWeights.length !== model.spec.outputSize) {
    throw new Error(`${classWeights.length} class weights for ${model.spec.outputSize} classes`);
  }
  if (!(Number.isInteger(config.maxEpochs) && config.maxEpochs > 0)) {
    throw new RangeError(`maxEpochs must be a positive integer, got ${config.maxEpochs}`);
  }
  const k = model.spec.outputSize;
  const rng = new Random(config.seed);
  const data = new TrainingRows(train.x, train.y, classWeights);
  const adam = new Adam(model.trainable(), { ...ADAM_DEFAULTS, decay: config.weightDecay });
  const stopping = config.earlyStopping ? new EarlyStopping(config.earlyStopping) : undefined;
  const minRows = model.spec.batchNorm ? 2 : 1;
  const history: TrainingHistory = {
    epochs: [],
    seconds: [],
    bestEpoch: 0,
    stoppedEarlyAt: null,
    restoredBest: false,
  };
  let best: Float32Array[] | undefined;
  let bestLoss = Number.POSITIVE_INFINITY;
  try {
    for (let epoch = 0; epoch < config.maxEpochs; epoch++) {
      const started = performance.now();
      const lr = learningRateAt(config.schedule, config.learningRate, epoch);
      let lossSum = 0;
      let correct = 0;
      let seen = 0;
      const batches = batchesOf(rng.permutation(data.rows), config.batchSize, minRows);
      for (const indices of batches) {
        const step = trainingStep(model, adam, data, indices, lr, rng.nextUint32());
        lossSum += step.loss;
        correct += step.correct;
        seen += indices.length;
      }
      const probabilities = predictProba(model, validation.x);
      const record: EpochRecord = {
        epoch: epoch + 1,
        learningRate: lr,
        trainLoss: lossSum / batches.length,
        trainAccuracy: correct / seen,
        validationLoss: weightedCrossEntropyOf(probabilities, validation.y, classWeights),
        validationAccuracy: accuracy(validation.y, argmaxRows(probabilities, k)),
        weightNorm: weightNorm(model),
        outputSpread: outputSpread(probabilities, k),
      };
      history.epochs.push(record);
      // "Best" is early stopping's notion (an improvement by more than minDelta) when it is on.
      const improved = stopping
        ? stopping.update(record.epoch, record.validationLoss)
        : record.validationLoss < bestLoss;
      if (improved) {
        bestLoss = record.validationLoss;
        history.bestEpoch = record.epoch;
        if (config.earlyStopping?.restoreBest) best = model.snapshot();
      }
      const seconds = (performance.now() - started) / 1000;
      history.seconds.push(seconds);
      hooks.log?.(
        `models ▸ nn ${config.name}: epoch ${record.epoch}/${config.maxEpochs} loss ${fmt(record.trainLoss)} ` +
          `val ${fmt(record.validationLoss)} acc ${(100 * record.validationAccuracy).toFixed(1)} % ` +
          `(${seconds.toFixed(1)} s)`,
      );
      hooks.onEpoch?.(record, model);
      if (stopping?.shouldStop) {
        history.stoppedEarlyAt = record.epoch;
        break;
      }
    }
    if (best && history.bestEpoch !== history.epochs.length) {
      model.restore(best);
      history.restoredBest = true;
    }
    return history;
  } finally {
    adam.dispose();
  }
}
