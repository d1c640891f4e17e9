import { describe, expect, it } from "vitest";
import { createContext } from "../../src/experiments/context.ts";
import { LOGISTIC, runLogisticRegression } from "../../src/experiments/logistic-regression.ts";
import { syntheticTable } from "./synthetic-table.ts";

describe("runLogisticRegression", () => {
  it("fits both tasks on every protocol, recording how L-BFGS ended", async () => {
    const context = createContext(syntheticTable(60, 4));
    const result = await runLogisticRegression(context);
    expect(result.evaluations.map((e) => `${e.protocol.protocol} ${e.task}`)).toEqual([
      "seed-random super-genre",
      "seed-random genre",
      "track-grouped super-genre",
      "track-grouped genre",
      "recording-grouped super-genre",
      "recording-grouped genre",
    ]);
    for (const e of result.evaluations) {
      expect(e.convergence?.maxIterations).toBe(LOGISTIC.maxIter);
      expect(e.convergence?.converged).toBe(true);
      expect(e.convergence?.iterations).toBeGreaterThan(0);
      expect(e.convergence?.iterations).toBeLessThan(LOGISTIC.maxIter);
    }
    // The synthetic table has 6 genres: top-1 and top-5 accuracy are reported, top-5 ≥ top-1.
    const genre = result.evaluations.filter((e) => e.task === "genre");
    for (const e of genre) {
      expect(e.test.classes).toHaveLength(6);
      const [top1, top5] = e.test.topK;
      expect(top1?.k).toBe(1);
      expect(top5?.k).toBe(5);
      expect(top5?.accuracy).toBeGreaterThanOrEqual(top1?.accuracy ?? 1);
    }
    // The permutation test and importance belong to the seed protocol's super-genre fit only.
    const onlyFirst = [true, false, false, false, false, false];
    expect(result.evaluations.map((e) => e.permutationTest !== undefined)).toEqual(onlyFirst);
    expect(result.evaluations.map((e) => e.permutationImportance !== undefined)).toEqual(onlyFirst);
    expect(context.exports.has("model-logistic-super-genre")).toBe(true);
  }, 60_000);
});
