/**
 * What the browser may import from the models package: prediction from exported models in plain
 * TypeScript (no TensorFlow.js, no Node built-ins) and the exported models' types.
 */
export { boostedPredictor } from "./boosting/boosted-inference.ts";
export { designRow, forwardMlp, networkInput, predictMlp, superGenreProbabilities } from "./nn/inference.ts";
export type {
  ExportedBoosted,
  ExportedForest,
  ExportedLogistic,
  ExportedMlp,
  ExportedTree,
} from "./results/export-schemas.ts";
export { CompactForest } from "./tree/forest-inference.ts";
