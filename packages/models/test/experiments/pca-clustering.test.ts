import { describe, expect, it } from "vitest";
import { createContext } from "../../src/experiments/context.ts";
import { runPcaClustering } from "../../src/experiments/pca-clustering.ts";
import { pcaClusteringResult } from "../../src/results/unsupervised-schemas.ts";
import { syntheticTable } from "./synthetic-table.ts";

describe("the PCA / clustering experiment on a small synthetic table", () => {
  it("produces a result its schema accepts, with consistent sizes", async () => {
    const lines: string[] = [];
    const context = createContext(syntheticTable(), (line) => lines.push(line));
    const result = await runPcaClustering(context);
    const parsed = pcaClusteringResult.safeParse(result);
    expect(parsed.success, JSON.stringify(parsed.error?.issues.slice(0, 3))).toBe(true);

    const train = context.splits[0]?.train.length as number;
    const d = result.features.length;
    expect(result.pca.explainedVarianceRatio).toHaveLength(d);
    expect(result.pca.cumulativeVarianceRatio.at(-1)).toBeCloseTo(1, 9);
    expect(result.pca.components[0]).toHaveLength(d);
    expect(result.scatter.pc1).toHaveLength(result.scatter.rows);
    expect(result.scatter.rows).toBe(Math.min(5_000, train));
    expect(result.clustering.sample.rows).toBe(Math.round(0.3 * train));
    for (const method of result.clustering.methods) {
      const rows = method.evaluatedOn === "clustering-sample" ? result.clustering.sample.rows : train;
      expect(method.sizes.reduce((a, b) => a + b, 0)).toBe(rows);
    }
    expect(result.clustering.pairwiseAri).toHaveLength(6);
    // Three well-separated super-genres: the logistic regression on the components beats the majority class.
    expect(result.logisticOnComponents.test.accuracy).toBeGreaterThan(0.5);
    expect(lines.some((l) => l.includes("Ward tree"))).toBe(true);
    expect(context.steps.some((s) => s.step === "ward tree (worker thread)")).toBe(true);
  }, 60_000);
});
