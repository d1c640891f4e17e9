export * from "./knn/index.ts";
export * from "./linear/index.ts";
export * from "./logistic/index.ts";
export * from "./metrics/index.ts";
export { Random } from "./random.ts";
export * from "./tree/index.ts";
