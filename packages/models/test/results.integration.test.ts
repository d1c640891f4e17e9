import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  type ClassifierResult,
  modelResultPath,
  modelsOutputDir,
  readModelResult,
} from "../src/results/index.ts";

// `npm test` builds before testing, so in CI the models' outputs must be there; elsewhere, skip when absent.
const built = existsSync(modelResultPath(modelsOutputDir, "models-build-log"));
const run = built || process.env.CI ? describe : describe.skip;

const superGenreTest = (result: ClassifierResult, protocol: string, chosen?: Record<string, unknown>) =>
  result.evaluations.find(
    (e) =>
      e.task === "super-genre" &&
      e.protocol.protocol === protocol &&
      Object.entries(chosen ?? {}).every(([k, v]) => e.chosen?.[k] === v),
  )?.test;

run("the built models, against the seed's published numbers", () => {
  it("split all 113,822 cleaned rows 60/20/20 under both protocols", () => {
    for (const e of readModelResult(modelsOutputDir, "decision-tree").evaluations) {
      expect(e.protocol.train + e.protocol.validation + e.protocol.test).toBe(113_822);
      expect(e.protocol.test / 113_822).toBeCloseTo(0.2, 2);
    }
  });

  it("select the seed's five predictors of energy, with a similar validation R²", () => {
    const energy = readModelResult(modelsOutputDir, "energy-regression");
    for (const { result } of energy.evaluations) {
      expect([...result.selected].sort()).toEqual([...energy.seedSelected].sort());
      // The seed printed validation R² 0.7386 on its own random split.
      expect(Math.abs((result.fits.linear?.validation.r2 ?? 0) - 0.7386)).toBeLessThan(0.02);
    }
  });

  it("reproduce the seed's classifier accuracies on its protocol (its split differs, so within 3 points)", () => {
    // Seed: logistic 0.39, decision tree 0.46, random forest 0.558, KNN (unscaled) 0.294.
    const near = (value: number | undefined, seed: number) =>
      expect(Math.abs((value ?? 0) - seed)).toBeLessThan(0.03);
    near(
      superGenreTest(readModelResult(modelsOutputDir, "logistic-regression"), "seed-random")?.accuracy,
      0.39,
    );
    near(superGenreTest(readModelResult(modelsOutputDir, "decision-tree"), "seed-random")?.accuracy, 0.46);
    near(superGenreTest(readModelResult(modelsOutputDir, "random-forest"), "seed-random")?.accuracy, 0.558);
    near(
      superGenreTest(readModelResult(modelsOutputDir, "knn"), "seed-random", { scaling: "none" })?.accuracy,
      0.294,
    );
  });

  it("report accuracies that agree with their own confusion matrices", () => {
    for (const name of ["logistic-regression", "decision-tree", "random-forest", "knn"] as const) {
      for (const e of readModelResult(modelsOutputDir, name).evaluations) {
        const total = e.test.confusion.flat().reduce((a, b) => a + b, 0);
        const trace = e.test.confusion.reduce((a, row, i) => a + (row[i] as number), 0);
        expect(total, name).toBe(e.protocol.test);
        expect(e.test.accuracy, name).toBeCloseTo(trace / total, 12);
      }
    }
  });
});
