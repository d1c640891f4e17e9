import { describe, expect, it } from "vitest";
import { createContext } from "../../src/experiments/context.ts";
import { EXPERIMENTS } from "../../src/experiments/registry.ts";
import { MODEL_RESULT_SCHEMAS } from "../../src/results/registry.ts";
import type { ClassifierResult } from "../../src/results/schemas.ts";
import { syntheticTable } from "./synthetic-table.ts";

describe("every experiment on a small synthetic table", () => {
  const table = syntheticTable();
  const lines: string[] = [];
  const context = createContext(table, (line) => lines.push(line));

  it("keeps each track_id on one side of the leakage-free split, and lets the seed split straddle", () => {
    const [seed, grouped] = context.splits;
    const sideOf = (split: NonNullable<typeof grouped>) => {
      const side = new Map<string, Set<string>>();
      for (const part of ["train", "validation", "test"] as const) {
        for (const row of split[part]) {
          const id = table.trackId[row] as string;
          side.set(id, (side.get(id) ?? new Set()).add(part));
        }
      }
      return [...side.values()].filter((s) => s.size > 1).length;
    };
    expect(sideOf(grouped as never)).toBe(0);
    expect(sideOf(seed as never)).toBeGreaterThan(0);
  });

  it.each(EXPERIMENTS.map((e) => [e.name, e] as const))(
    "%s produces a result its schema accepts",
    async (name, experiment) => {
      const result = await experiment.run(context);
      const parsed = MODEL_RESULT_SCHEMAS[name].safeParse(result);
      expect(parsed.success, JSON.stringify(parsed.error?.issues.slice(0, 3))).toBe(true);
      expect(experiment.describe(result as never)).not.toBe("");
      if ("evaluations" in (result as object) && name !== "energy-regression") {
        const classifier = result as ClassifierResult;
        for (const evaluation of classifier.evaluations) {
          const { confusion, accuracy, classes } = evaluation.test;
          // Accuracy recomputed from the confusion matrix: the trace over the total.
          const total = confusion.flat().reduce((a, b) => a + b, 0);
          const trace = confusion.reduce((a, row, i) => a + (row[i] as number), 0);
          expect(total).toBe(evaluation.protocol.test);
          expect(accuracy).toBeCloseTo(trace / total, 12);
          expect(confusion).toHaveLength(classes.length);
        }
        // Three super-genres with well separated means: every classifier beats the majority class (1/3).
        const best = Math.max(
          ...classifier.evaluations.filter((e) => e.task === "super-genre").map((e) => e.test.accuracy),
        );
        expect(best).toBeGreaterThan(0.5);
      }
    },
    120_000,
  );

  it("reports progress as it goes", () => {
    expect(lines.some((l) => l.includes("grid search"))).toBe(true);
    expect(lines.some((l) => /random forest: \d+\/200 trees/.test(l))).toBe(true);
  });
});
