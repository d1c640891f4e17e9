import { describe, expect, it } from "vitest";
import { createContext } from "../../src/experiments/context.ts";
import { blend, ENSEMBLE_MEMBERS, runEnsemble, simplexGrid } from "../../src/experiments/ensemble.ts";
import type { HeldOutPredictions } from "../../src/experiments/held-out.ts";
import { take } from "../../src/matrix.ts";
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
    expect(result.combinations).toBe(66);
    expect(result.evaluations).toHaveLength(6);
    for (const e of result.evaluations) {
      expect(e.members.map((m) => m.weight)).toEqual([1, 0, 0]);
      expect(e.members.map((m) => m.model)).toEqual([...ENSEMBLE_MEMBERS]);
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

  it("names a member whose predictions are missing", () => {
    expect(() =>
      runEnsemble(
        context,
        inputs.filter((p) => p.model !== "neural-network"),
      ),
    ).toThrow(/no held-out predictions of neural-network for super-genre on seed-random/);
  });
});
