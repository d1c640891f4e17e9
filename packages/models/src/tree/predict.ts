// Prediction only, free of Node APIs: what the browser imports to load fitted trees and forests.
export type { EncodedForest } from "./forest-codec.ts";
export { CompactForest } from "./forest-inference.ts";
export { type ForestJSON, ForestModel } from "./forest-model.ts";
export { type TreeArrays, type TreeJSON, TreeModel } from "./tree-model.ts";
