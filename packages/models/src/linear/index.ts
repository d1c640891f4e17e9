export {
  type RowSplit,
  seededSplit,
  type ThreeWaySplitOptions,
  trainValidationTestSplit,
} from "../splits/three-way.ts";
export {
  type ForwardSelection,
  type ForwardSelectionOptions,
  foldScorer,
  forwardSelect,
  type SelectionStep,
} from "./forward-selection.ts";
export {
  fitLinearRegression,
  type LinearModel,
  predictLinearRegression,
  rankTolerance,
} from "./least-squares.ts";
export {
  type PolynomialOptions,
  polynomialFeatureNames,
  polynomialFeatures,
  polynomialTerms,
} from "./polynomial.ts";
export {
  type BestResponse,
  type BiasVarianceSettings,
  bootstrapBiasVariance,
  type GroupData,
  type GroupSweep,
  type HighestR2,
  type ModelFit,
  type RegressionModelKind,
  type RegressionScores,
  type ResponseResult,
  SEED_QUIRKS,
  type SweepOptions,
  type SweepSplit,
  type SweepSummary,
  summarizeSweep,
  sweepGroup,
  sweepGroups,
} from "./response-sweep.ts";
export {
  combineStatistics,
  fitFromStatistics,
  type StatisticsOptions,
  type SufficientStatistics,
  sufficientStatistics,
} from "./sufficient-statistics.ts";
