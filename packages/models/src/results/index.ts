import { fileURLToPath } from "node:url";
import { createResultStore } from "@spotiflies/analysis/results";
import { MODEL_RESULT_SCHEMAS } from "./registry.ts";

export * from "./ensemble-schemas.ts";
export * from "./export-schemas.ts";
export * from "./leaderboard-schemas.ts";
export { MODEL_RESULT_SCHEMAS, type ModelResultName } from "./registry.ts";
export * from "./regression-schemas.ts";
export * from "./schemas.ts";

/** The models package's results: `<dir>/results/<name>.json`, validated on write and on read. */
export const {
  readResult: readModelResult,
  writeResult: writeModelResult,
  resultPath: modelResultPath,
} = createResultStore(MODEL_RESULT_SCHEMAS);

/** Where `turbo build` puts the models' outputs. */
export const modelsOutputDir = fileURLToPath(new URL("../../output", import.meta.url));
