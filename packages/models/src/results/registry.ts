import { exportedLogistic, exportedTree } from "./export-schemas.ts";
import { energyRegressionResult, responseSweepsResult } from "./regression-schemas.ts";
import { classifierResult, modelsBuildLog } from "./schemas.ts";
import { pcaClusteringResult } from "./unsupervised-schemas.ts";

/** Every JSON result the models package writes, by file name (without `.json`). */
export const MODEL_RESULT_SCHEMAS = {
  "energy-regression": energyRegressionResult,
  "response-sweeps": responseSweepsResult,
  "logistic-regression": classifierResult,
  "decision-tree": classifierResult,
  "random-forest": classifierResult,
  knn: classifierResult,
  "pca-clustering": pcaClusteringResult,
  "models-build-log": modelsBuildLog,
  "model-logistic-super-genre": exportedLogistic,
  "model-decision-tree-super-genre": exportedTree,
} as const;

export type ModelResultName = keyof typeof MODEL_RESULT_SCHEMAS;
