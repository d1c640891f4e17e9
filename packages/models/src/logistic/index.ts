export { binomialObjective } from "./binomial-loss.ts";
export { type LbfgsOptions, type LbfgsResult, type LbfgsStop, lbfgs } from "./lbfgs.ts";
export {
  cubicMinimiser,
  type LineSearchOptions,
  type LineSearchResult,
  type Objective,
  strongWolfe,
} from "./line-search.ts";
export {
  LogisticRegression,
  type LogisticRegressionFit,
  type LogisticRegressionOptions,
} from "./logistic-regression.ts";
export { multinomialObjective } from "./multinomial-loss.ts";
