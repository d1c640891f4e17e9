export * from "./metrics/index.ts";
export { Random } from "./random.ts";
