import { type ModelResultName, modelsOutputDir, readModelResult } from "@spotiflies/models/results";

const cache = new Map<ModelResultName, unknown>();

/**
 * One of the models package's results, validated against its schema. A missing or invalid result throws,
 * which fails the site build, just as for the analysis results.
 */
export function modelResult<N extends ModelResultName>(name: N): ReturnType<typeof readModelResult<N>> {
  if (!cache.has(name)) cache.set(name, readModelResult(modelsOutputDir, name));
  return cache.get(name) as ReturnType<typeof readModelResult<N>>;
}
