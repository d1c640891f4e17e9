import { describe, expect, it } from "vitest";
import { fitLinearRegression, predictLinearRegression } from "../../src/linear/least-squares.ts";
import {
  bootstrapBiasVariance,
  type GroupData,
  SEED_QUIRKS,
  summarizeSweep,
  sweepGroup,
  sweepGroups,
} from "../../src/linear/response-sweep.ts";
import { matrix, take, takeRows } from "../../src/matrix.ts";
import { biasVarianceDecomp } from "../../src/metrics/bias-variance.ts";
import { Random } from "../../src/random.ts";
import { seededSplit, trainValidationTestSplit } from "../../src/splits/three-way.ts";
import { olsData } from "./fixtures.ts";

const COLUMNS = ["a", "b", "c", "d", "e", "f", "g"];

/** 7 columns: e = 2a − b + 0.5c + 3 exactly; f = a² + noise; the rest independent noise. */
function syntheticGroup(name: string, n: number, seed: number): GroupData {
  const rng = new Random(seed);
  const data = matrix(n, 7);
  for (let i = 0; i < n; i++) {
    const a = rng.nextFloat();
    const b = 10 * rng.nextFloat();
    const c = rng.nextFloat() - 0.5;
    const d = rng.nextFloat();
    const f = a * a + 0.3 * rng.nextFloat();
    const g = 100 * rng.nextFloat();
    data.data.set([a, b, c, d, 2 * a - b + 0.5 * c + 3, f, g], i * 7);
  }
  return { name, data };
}

describe("trainValidationTestSplit", () => {
  it("cuts 60/20/20 with sklearn's ceil sizes, disjoint and covering", () => {
    for (const [n, sizes] of [
      [1000, [600, 200, 200]],
      [101, [60, 20, 21]],
    ] as const) {
      const s = trainValidationTestSplit(n, 42);
      expect([s.train.length, s.validation.length, s.test.length]).toEqual(sizes);
      const all = [...s.train, ...s.validation, ...s.test].sort((x, y) => x - y);
      expect(all).toEqual(Array.from({ length: n }, (_, i) => i));
      expect(trainValidationTestSplit(n, 42)).toEqual(s);
    }
  });
});

describe("sweepGroup", () => {
  const options = {
    columns: COLUMNS,
    split: seededSplit(42),
    biasVariance: { numRounds: 20, seed: 123 },
  };
  const result = sweepGroup(syntheticGroup("synthetic", 300, 1), options);

  it("reports every response with selection, metrics and both models", () => {
    expect(result.responses.map((r) => r.response)).toEqual(COLUMNS);
    for (const r of result.responses) {
      expect(r.predictors).toEqual(COLUMNS.filter((c) => c !== r.response));
      expect(r.selected.length).toBe(3); // ⌊6 / 2⌋
      expect(r.cvScores.length).toBe(3);
      expect([...r.selectedColumns].sort()).toEqual([...r.selected].sort());
      expect(r.sizes).toEqual({ train: 180, validation: 60, test: 60 });
      const lin = r.fits.linear;
      const quad = r.fits.quadratic;
      expect(lin?.terms).toEqual(r.selectedColumns);
      expect(quad?.terms.length).toBe(10); // PolynomialFeatures(2) of 3 columns
      expect(quad?.terms[0]).toBe("1");
      expect(quad?.rank).toBe(9); // the bias column is constant
      for (const fit of [lin, quad]) {
        expect(fit?.train.rmse).toBeCloseTo(Math.sqrt(fit?.train.mse as number), 14);
        const bv = fit?.biasVariance;
        const loss = bv?.avgExpectedLoss as number;
        expect(Math.abs(loss - (bv?.avgBias as number) - (bv?.avgVar as number))).toBeLessThanOrEqual(
          1e-12 * loss + 1e-25,
        );
      }
    }
  });

  it("finds the exactly linear response with R² ≈ 1", () => {
    const e = result.responses.find((r) => r.response === "e");
    expect([...(e?.selected ?? [])].sort()).toEqual(["a", "b", "c"]);
    expect(e?.fits.linear?.validation.r2).toBeGreaterThan(1 - 1e-12);
    expect(e?.fits.linear?.train.mse).toBeLessThan(1e-20);
    expect(e?.fits.linear?.biasVariance?.avgExpectedLoss).toBeLessThan(1e-20);
    // a, b, c are exact functions of e and the other two, so they tie; d and g do not.
    const best = result.best.linear;
    expect(["a", "b", "c", "e"]).toContain(best?.response);
    expect(best?.validationR2).toBeGreaterThan(1 - 1e-12);
    for (const name of ["d", "g"]) {
      expect(result.responses.find((r) => r.response === name)?.fits.linear?.validation.r2).toBeLessThan(0.2);
    }
  });

  it("lets the quadratic model capture the a² response the linear one misses", () => {
    const f = result.responses.find((r) => r.response === "f");
    expect(f?.selected[0]).toBe("a");
    const lin = f?.fits.linear?.validation.r2 as number;
    const quad = f?.fits.quadratic?.validation.r2 as number;
    expect(quad).toBeGreaterThan(lin + 0.02);
  });

  it("runs one model only and skips bias–variance when asked", () => {
    const one = sweepGroup(syntheticGroup("x", 120, 2), {
      ...options,
      models: ["linear"],
      biasVariance: null,
      responses: [4],
    });
    expect(one.responses.length).toBe(1);
    expect(one.responses[0]?.fits.quadratic).toBeUndefined();
    expect(one.responses[0]?.fits.linear?.biasVariance).toBeNull();
    expect(one.best.linear?.response).toBe("e");
  });
});

describe("summarizeSweep", () => {
  it("tallies best responses, takes the true argmax and records the seed's misattributed print", () => {
    const groups = [syntheticGroup("g1", 150, 3), syntheticGroup("g2", 150, 4)];
    // Group g3: only noise, so its best response is weak.
    const rng = new Random(9);
    const noise = matrix(
      150,
      7,
      Float64Array.from({ length: 1050 }, () => rng.nextFloat()),
    );
    groups.push({ name: "g3", data: noise });
    const options = { columns: COLUMNS, split: seededSplit(42), biasVariance: null };
    const summary = sweepGroups(groups, options);
    const tally = summary.tally.linear as Record<string, number>;
    expect(Object.keys(tally)).toEqual(COLUMNS);
    expect(Object.values(tally).reduce((x, y) => x + y)).toBe(3);
    expect(summary.highest.linear?.validationR2).toBeGreaterThan(1 - 1e-12);
    expect(["g1", "g2"]).toContain(summary.highest.linear?.group);
    expect(summary.seedPrinted.linear).toEqual({
      group: "g3",
      response: "g",
      validationR2: summary.highest.linear?.validationR2,
    });
    expect(summary.biasVariance).toBeNull();
    // Summaries of separately computed groups agree with the one-shot sweep.
    const again = summarizeSweep(
      groups.map((g) => sweepGroup(g, options)),
      options,
    );
    expect(again).toEqual(summary);
    expect(SEED_QUIRKS.map((q) => q.id)).toContain("quadratic-bias-variance-linear-model");
  });
});

describe("bootstrapBiasVariance", () => {
  it("equals mlxtend-style refits on the resampled rows", () => {
    const { X, y } = olsData();
    const train = Int32Array.of(0, 1, 2, 3, 4, 5, 6, 7);
    const test = Int32Array.of(8, 9, 10, 11);
    const Xtr = takeRows(X, train);
    const ytr = take(y, train);
    const Xte = takeRows(X, test);
    const yte = take(y, test);
    const fast = bootstrapBiasVariance(Xtr, ytr, Xte, yte, { numRounds: 25, seed: 123 });
    const direct = biasVarianceDecomp({
      nTrain: 8,
      yTest: yte,
      loss: "mse",
      numRounds: 25,
      rng: new Random(123),
      fitPredict: (idx) =>
        predictLinearRegression(fitLinearRegression(takeRows(Xtr, idx), take(ytr, idx)), Xte),
    });
    expect(fast.avgExpectedLoss).toBeCloseTo(direct.avgExpectedLoss, 9);
    expect(fast.avgBias).toBeCloseTo(direct.avgBias, 9);
    expect(fast.avgVar).toBeCloseTo(direct.avgVar, 9);
  });
});
