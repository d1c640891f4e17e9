import { ensembleResult } from "./ensemble-schemas.ts";
import {
  exportedBoosted,
  exportedForest,
  exportedLogistic,
  exportedMlp,
  exportedTree,
} from "./export-schemas.ts";
import { genreModelResult } from "./genre-model-schemas.ts";
import { leaderboardResult } from "./leaderboard-schemas.ts";
import { neuralNetworkResult } from "./nn-schemas.ts";
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
  "gradient-boosting": classifierResult,
  knn: classifierResult,
  "pca-clustering": pcaClusteringResult,
  "neural-network": neuralNetworkResult,
  "genre-model": genreModelResult,
  ensemble: ensembleResult,
  leaderboard: leaderboardResult,
  "models-build-log": modelsBuildLog,
  "model-logistic-super-genre": exportedLogistic,
  "model-decision-tree-super-genre": exportedTree,
  "model-forest-super-genre": exportedForest,
  "model-mlp-genre": exportedMlp,
  "model-boosting-super-genre": exportedBoosted,
  "model-boosting-genre": exportedBoosted,
} as const;

export type ModelResultName = keyof typeof MODEL_RESULT_SCHEMAS;
