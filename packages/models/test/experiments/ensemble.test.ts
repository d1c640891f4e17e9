import { describe, expect, it } from "vitest";
import { createContext } from "../../src/experiments/context.ts";
import {
  blend,
  ENSEMBLE_MEMBERS,
  MEMBERS_BY_TASK,
  runEnsemble,
  simplexGrid,
} from "../../src/experiments/ensemble.ts";
import type { HeldOutPredictions } from "../../src/experiments/held-out.ts";
import { sumIntoSuperGenres, superGenreOfGenre } from "../../src/genre-model/super-genre.ts";
import { take } from "../../src/matrix.ts";
import { logLoss } from "../../src/metrics/index.ts";
import { Random } from "../../src/random.ts";
import { ensembleResult } from "../../src/results/ensemble-schemas.ts";
import { syntheticTable } from "./synthetic-table.ts";

describe("simplexGrid", () => {
  it("lists every weight vector on the step that sums to 1, once", () => {
    const grid = simplexGrid(3, 10);
    // C(10 + 2, 2) = 66 ways to deal 10 steps among 3 members.
    expect(grid).toHaveLength(66);
    expect(new Set(grid.map((w) => w.join())).size).toBe(66);
    for (const w of grid) {
      expect(w.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
      for (const x of w) expect(Math.round(x * 10)).toBeCloseTo(x * 10, 12);
    }
    expect(grid[0]).toEqual([1, 0, 0]);
    expect(grid.at(-1)).toEqual([0, 0, 1]);
    expect(simplexGrid(2, 2)).toEqual([
      [1, 0],
      [0.5, 0.5],
      [0, 1],
    ]);
  });
});

describe("blend", () => {
  it("is the weighted sum, row by row", () => {
    const out = blend([Float64Array.of(1, 0, 0.5, 0.5), Float64Array.of(0, 1, 0.25, 0.75)], [0.25, 0.75]);
    expect(Array.from(out)).toEqual([0.25, 0.75, 0.3125, 0.6875]);
    expect(() => blend([Float64Array.of(1), Float64Array.of(1, 2)], [0.5, 0.5])).toThrow(/differ in size/);
  });
});

describe("the ensemble experiment", () => {
  const table = syntheticTable(40, 3);
  const context = createContext(table);
  /**
   * Hand-made members for every protocol and task: the forest is right on every row, the boosted trees
   * always say class 0, the network is uniform.
   */
  const inputs: HeldOutPredictions[] = [];
  for (const split of context.splits) {
    for (const task of [context.tasks.superGenre, context.tasks.genre]) {
      const k = task.classes.length;
      const matrix = (rows: Int32Array, model: string) => {
        const labels = take(task.labels, rows);
        const out = new Float64Array(rows.length * k);
        labels.forEach((y, i) => {
          for (let c = 0; c < k; c++) {
            out[i * k + c] =
              model === "random-forest"
                ? c === y
                  ? 1
                  : 0
                : model === "gradient-boosting"
                  ? c === 0
                    ? 1
                    : 0
                  : 1 / k;
          }
        });
        return out;
      };
      for (const model of ENSEMBLE_MEMBERS) {
        inputs.push({
          model,
          task: task.id,
          protocol: split.protocol,
          classes: k,
          settings: {},
          validation: matrix(split.validation, model),
          test: matrix(split.test, model),
        });
      }
    }
  }

  it("puts all the weight on a member that is right everywhere, and says it did not beat it", () => {
    const result = runEnsemble(context, inputs);
    expect(ensembleResult.safeParse(result).success).toBe(true);
    expect(result.evaluations).toHaveLength(6);
    for (const e of result.evaluations) {
      // Five members on the super-genres (C(14, 4) weight vectors), three on the genres (C(12, 2)).
      const five = e.task === "super-genre";
      expect(e.combinations).toBe(five ? 1001 : 66);
      expect(e.members.map((m) => m.weight)).toEqual(five ? [1, 0, 0, 0, 0] : [1, 0, 0]);
      expect(e.members.map((m) => m.model)).toEqual(MEMBERS_BY_TASK[e.task].map((m) => m.id));
      expect(e.test.accuracy).toBe(1);
      expect(e.members[0]?.testAccuracy).toBe(1);
      expect(e.bestMember).toBe("random-forest");
      expect(e.beatsBestMember).toBe(false);
      expect(e.validation.accuracy).toBe(1);
      // The stack, fitted on the same validation rows, follows the member that is right everywhere too.
      expect(e.stack.method).toBe("full");
      expect(e.stack.converged).toBe(true);
      expect(e.stack.test.accuracy).toBe(1);
      expect(e.stack.beatsVote).toBe(false);
    }
  });

  it("sums a genre model's probabilities into super-genres for the super-genre vote", () => {
    const result = runEnsemble(context, inputs);
    const superOf = new Map<number, number>();
    context.tasks.genre.labels.forEach((g, r) => {
      superOf.set(g, context.tasks.superGenre.labels[r] as number);
    });
    for (const e of result.evaluations.filter((v) => v.task === "super-genre")) {
      const [, , , forest, boosted] = e.members;
      expect([forest?.model, boosted?.model]).toEqual([
        "random-forest-genre-summed",
        "gradient-boosting-genre-summed",
      ]);
      // The genre forest is right on every row, so its sum is too.
      expect(forest?.testAccuracy).toBe(1);
      // The genre boosted trees always say genre 0: summed, always genre 0's super-genre.
      const split = context.splits.find((s) => s.protocol === e.protocol.protocol);
      const yTest = take(context.tasks.superGenre.labels, split?.test ?? new Int32Array());
      const hits = yTest.filter((y) => y === superOf.get(0)).length;
      expect(boosted?.testAccuracy).toBeCloseTo(hits / yTest.length, 12);
    }
  });

  it("chooses the weights whose full blend has the lowest validation log-loss, as a brute-force search does", () => {
    // Random probabilities, so that no weight vector is right everywhere and the choice is a close one.
    const random = new Random(5);
    const noisy = inputs.map((p) => {
      const rows = (part: Float64Array) => {
        const out = new Float64Array(part.length);
        for (let i = 0; i < out.length; i += p.classes) {
          let sum = 0;
          for (let c = 0; c < p.classes; c++) sum += out[i + c] = 0.05 + random.nextFloat();
          for (let c = 0; c < p.classes; c++) out[i + c] = (out[i + c] as number) / sum;
        }
        return out;
      };
      return { ...p, validation: rows(p.validation), test: rows(p.test) };
    });
    const result = runEnsemble(context, noisy);
    const { genre, superGenre } = context.tasks;
    const superOf = superGenreOfGenre(genre.labels, superGenre.labels, genre.classes.length);
    for (const e of result.evaluations) {
      const split = context.splits.find((s) => s.protocol === e.protocol.protocol);
      if (!split) throw new Error(e.protocol.protocol);
      const task = e.task === "super-genre" ? superGenre : genre;
      const k = task.classes.length;
      const members = MEMBERS_BY_TASK[e.task].map((m) => {
        const found = noisy.find(
          (p) => p.model === m.model && p.task === m.fittedOn && p.protocol === split.protocol,
        );
        if (!found) throw new Error(m.id);
        return m.fittedOn === e.task ? found.validation : sumIntoSuperGenres(found.validation, superOf, k);
      });
      const y = take(task.labels, split.validation);
      let best = { weights: [] as number[], loss: Number.POSITIVE_INFINITY };
      for (const weights of simplexGrid(members.length, 10)) {
        const loss = logLoss(y, blend(members, weights));
        if (loss < best.loss) best = { weights, loss };
      }
      expect(e.members.map((m) => m.weight)).toEqual(best.weights);
      expect(e.validation.logLoss).toBe(best.loss);
    }
  });

  it("names a member whose predictions are missing", () => {
    expect(() =>
      runEnsemble(
        context,
        inputs.filter((p) => p.model !== "neural-network"),
      ),
    ).toThrow(/no held-out predictions of neural-network for super-genre on seed-random/);
  });
});
