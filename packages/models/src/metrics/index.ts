export { accuracy } from "./accuracy.ts";
export { adjustedRandIndex } from "./adjusted-rand.ts";
export { auc } from "./auc.ts";
export { type BiasVariance, type BiasVarianceOptions, biasVarianceDecomp } from "./bias-variance.ts";
export { confusionMatrix } from "./confusion.ts";
export { type CrossValidation, crossValidate } from "./cross-validate.ts";
export { type Fold, type FoldOptions, kFold, stratifiedKFold } from "./folds.ts";
export type { Labels, Scores } from "./labels.ts";
export { type LogLossOptions, logLoss } from "./log-loss.ts";
export { meanStd } from "./mean-std.ts";
export {
  type PermutationImportance,
  type PermutationImportanceOptions,
  permutationImportance,
} from "./permutation-importance.ts";
export {
  type PermutationTest,
  type PermutationTestOptions,
  permutationTestScore,
} from "./permutation-test.ts";
export { meanAbsoluteError, meanSquaredError, r2Score, rootMeanSquaredError } from "./regression.ts";
export {
  type ClassificationReport,
  type ClassScores,
  classificationReport,
  classificationReportFromConfusion,
} from "./report.ts";
export {
  type RocCurve,
  type RocCurveJSON,
  type RocCurveOptions,
  rocCurve,
  rocCurveFromJSON,
  rocCurveToJSON,
} from "./roc.ts";
export { type OneVsRestRoc, rocAuc, rocAucOneVsRest, rocOneVsRest } from "./roc-auc.ts";
export { type SilhouetteOptions, silhouetteSamples, silhouetteScore } from "./silhouette.ts";
export { topKAccuracy } from "./top-k.ts";
