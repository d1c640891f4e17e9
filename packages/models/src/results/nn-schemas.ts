import { z } from "zod";
import { BACKEND_NAMES } from "../nn/backend-names.ts";
import { classificationMetrics, classifierEvaluation, protocolInfo, protocolName } from "./schemas.ts";

/** The neural-network experiment's result (seed section 1.8): reproduction, ablations, search, final nets. */

const finite = z.number().finite();
const count = z.number().int().nonnegative();
const positive = z.number().int().positive();
const rate = z.number().min(0).max(1);
const task = z.enum(["super-genre", "genre"]);

/** How the scaled design columns reach the network: as they are, or piecewise-linear encoded (features/piecewise-linear.ts). */
export const networkInputs = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("standardised") }),
  z.object({ kind: z.literal("piecewise-linear"), bins: positive }),
]);
export type NetworkInputs = z.infer<typeof networkInputs>;

export const networkConfig = z.object({
  inputs: networkInputs,
  hidden: z.array(positive),
  activation: z.enum(["sigmoid", "relu", "tanh", "elu"]),
  batchNorm: z.boolean(),
  dropout: z.number().min(0).max(1),
  init: z.enum(["pytorch", "he", "glorot"]),
  /** "balanced": PyTorch CrossEntropyLoss(weight = n / (K·count_k)), as the seed; "none": plain mean. */
  classWeights: z.enum(["balanced", "none"]),
  learningRate: finite,
  weightDecay: z.object({ mode: z.enum(["coupled", "decoupled", "none"]), rate: finite }),
  schedule: z.discriminatedUnion("kind", [
    z.object({ kind: z.literal("step"), stepSize: positive, gamma: finite }),
    z.object({ kind: z.literal("cosine"), epochs: positive }),
    z.object({ kind: z.literal("constant") }),
  ]),
  batchSize: positive,
  maxEpochs: positive,
  earlyStopping: z.object({ patience: positive, minDelta: finite, restoreBest: z.boolean() }).nullable(),
});
export type NetworkConfig = z.infer<typeof networkConfig>;

export const epochRecord = z.object({
  epoch: positive,
  learningRate: finite,
  trainLoss: finite,
  trainAccuracy: rate,
  validationLoss: finite,
  validationAccuracy: rate,
  /** ‖θ‖₂ over all trainable parameters at the end of the epoch. */
  weightNorm: finite,
  /** Mean total-variation distance of the validation predictions from their average (0: input-independent). */
  outputSpread: rate,
});

export const trainingCurve = z.object({
  epochs: z.array(epochRecord),
  bestEpoch: count,
  stoppedEarlyAt: positive.nullable(),
  restoredBest: z.boolean(),
});
export type TrainingCurve = z.infer<typeof trainingCurve>;

const lrPoint = z.object({ lr: finite, loss: finite });

export const lrRangeTestResult = z.object({
  minLr: finite,
  maxLr: finite,
  steps: positive,
  batchSize: positive,
  /** The first repeat's curve: learning rate per step and Lightning's smoothed loss. */
  points: z.array(lrPoint),
  suggestedIndex: count.nullable(),
  suggestedLr: finite.nullable(),
  /** The same test from other initial weights and shuffles: how stable the suggestion is. */
  repeats: z.array(z.object({ seed: z.number().int(), suggestedLr: finite.nullable() })),
});

export const neuralNetworkResult = z.object({
  model: z.literal("neural-network"),
  description: z.string(),
  /** Which TensorFlow.js backend trained (results are byte-identical run to run on the same backend). */
  backend: z.object({ name: z.enum(BACKEND_NAMES), detail: z.string() }),
  features: z.array(z.string()),
  seedReproduction: z.object({
    task,
    protocol: protocolInfo,
    config: networkConfig,
    /** Why the settings differ from the seed's where they do. */
    deviations: z.array(z.string()),
    lrRangeTest: lrRangeTestResult,
    training: trainingCurve,
    validation: classificationMetrics,
    test: classificationMetrics,
    seed: z.object({
      validationAccuracy: rate,
      learningRate: finite,
      stoppedAtEpoch: positive,
      batchSize: positive,
      note: z.string(),
    }),
  }),
  ablations: z.object({
    /** Every run starts from the seed run's initial weights and shuffles and trains this many epochs. */
    epochs: positive,
    runs: z.array(
      z.object({
        id: z.string(),
        change: z.string(),
        config: networkConfig,
        training: trainingCurve,
        validation: classificationMetrics,
      }),
    ),
    finding: z.string(),
  }),
  /**
   * One search per protocol, on that protocol's own training and validation rows. Candidates train on the
   * genres; `task` is what they are ranked on (super-genre validation accuracy, genre probabilities summed).
   */
  searches: z.array(
    z.object({
      task,
      protocol: protocolName,
      /** Training rows each candidate saw and the epochs it trained; chosen by validation accuracy. */
      rows: count,
      epochs: positive,
      seed: z.number().int(),
      candidates: z.array(
        z.object({
          id: z.string(),
          config: networkConfig,
          validationAccuracy: rate,
          validationLoss: finite,
          parameters: count,
        }),
      ),
      chosen: z.string(),
    }),
  ),
  final: z.object({
    /**
     * Each run trains its protocol's chosen network with the final schedule and early stopping, on the 114
     * genres: the super-genre evaluations sum that network's genre probabilities.
     */
    runs: z.array(
      z.object({
        task,
        protocol: protocolName,
        network: z.string(),
        config: networkConfig,
        training: trainingCurve,
      }),
    ),
  }),
  /** The chosen network per task and protocol (train, validation and test figures); super-genres summed from genres. */
  evaluations: z.array(classifierEvaluation),
  seed: z.object({ testAccuracy: rate.optional(), note: z.string() }),
});
export type NeuralNetworkResult = z.infer<typeof neuralNetworkResult>;
