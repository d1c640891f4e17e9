import { analysisOutputDir, type Result, type ResultName, readResult } from "@spotiflies/analysis/results";

const cache = new Map<ResultName, unknown>();

/**
 * One of the analysis results, validated against its schema. A missing or invalid result throws,
 * which fails the site build: the report never renders from absent or malformed numbers.
 */
export function result<N extends ResultName>(name: N): Result<N> {
  if (!cache.has(name)) cache.set(name, readResult(analysisOutputDir, name));
  return cache.get(name) as Result<N>;
}
