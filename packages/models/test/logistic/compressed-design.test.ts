import { describe, expect, it } from "vitest";
import { compressDesign } from "../../src/logistic/compressed-design.ts";
import { mixedDesign } from "./mixed-design.ts";

describe("compressDesign", () => {
  const { X, y } = mixedDesign(803, 4, 5);
  const c = compressDesign(X, y);

  it("folds the one-hot and few-valued columns and keeps the continuous ones dense", () => {
    // Columns 0–2 one-hot, 3 and 5 continuous, 4 an integer 0..4, 6 a constant (see mixedDesign).
    expect(Array.from(c.patternColumns)).toEqual([0, 1, 2, 4, 6]);
    expect(Array.from(c.denseColumns)).toEqual([3, 5]);
    // Joint patterns: 3 one-hot categories × 5 integer levels.
    expect(c.patterns).toBe(15);
  });

  it("stores each distinct row once with the labels of all its copies", () => {
    // mixedDesign copies rows 0, 5, …, 800 once each (161 copies), with another label.
    expect(c.distinct).toBe(803 - 161);
    expect(c.labelStart[c.distinct]).toBe(803);
  });

  it("describes exactly the rows and labels it was given (as a multiset)", () => {
    const D = c.denseColumns.length;
    const P = c.patternColumns.length;
    const rebuilt: string[] = [];
    for (let u = 0; u < c.distinct; u++) {
      const row = new Array<number>(c.cols);
      c.denseColumns.forEach((j, a) => {
        row[j] = c.dense[u * D + a] as number;
      });
      c.patternColumns.forEach((j, q) => {
        row[j] = c.patternValues[(c.pattern[u] as number) * P + q] as number;
      });
      for (let t = c.labelStart[u] as number; t < (c.labelStart[u + 1] as number); t++) {
        rebuilt.push(`${row.join(",")}|${c.labels[t]}`);
      }
    }
    const original = Array.from({ length: X.rows }, (_, i) => {
      const row = Array.from(X.data.subarray(i * X.cols, (i + 1) * X.cols));
      return `${row.join(",")}|${y[i]}`;
    });
    expect(rebuilt.sort()).toEqual(original.sort());
  });

  it("leaves a design without repeats or few-valued columns as it is", () => {
    const X2 = { data: Float64Array.from({ length: 40 }, (_, i) => Math.sin(i + 0.5)), rows: 20, cols: 2 };
    const plain = compressDesign(X2, new Int32Array(20));
    expect(plain.distinct).toBe(20);
    expect(plain.patterns).toBe(1);
    expect(Array.from(plain.denseColumns)).toEqual([0, 1]);
    expect(Array.from(plain.dense)).toEqual(Array.from(X2.data));
  });

  it("rejects labels that do not match the rows", () => {
    expect(() => compressDesign(X, new Int32Array(3))).toThrow(/803 rows but y has 3 labels/);
  });
});
