export { type BinnedFeatures, binFeatures } from "./binning.ts";
export { DecisionTreeClassifier } from "./decision-tree.ts";
export { type ForestJSON, ForestModel } from "./forest-model.ts";
export type { Criterion, HistogramMode, MaxFeatures, TreeOptions } from "./options.ts";
export { type ForestOptions, type ForestProgress, RandomForestClassifier } from "./random-forest.ts";
export { type TreeArrays, type TreeJSON, TreeModel } from "./tree-model.ts";
