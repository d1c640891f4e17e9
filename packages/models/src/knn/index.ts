export { bruteForceNeighbors } from "./brute-force.ts";
export { KDTree, type KDTreeOptions } from "./kd-tree.ts";
export { Candidates, closer, emptyNeighbors, type Neighbors } from "./neighbors.ts";
export { KNeighborsClassifier, type KNeighborsClassifierOptions } from "./neighbors-classifier.ts";
