import { describe, expect, it } from "vitest";
import { CategoryCounts } from "../../src/genre-model/category-counts.ts";
import { albumKeys, artistKeys } from "../../src/genre-model/category-keys.ts";
import { groupFolds } from "../../src/genre-model/folds.ts";
import {
  classPrior,
  countOutOfFold,
  countRows,
  type RowKeys,
  smooth,
} from "../../src/genre-model/target-encoder.ts";
import { Random } from "../../src/random.ts";

/**
 * Six counted rows over three classes: class totals 3, 2, 1, so the prior is (1/2, 1/3, 1/6).
 * Artist A: rows 0, 1, 4, classes 0, 0, 1. Artist B: rows 2, 4, 5, classes 1, 1, 2 (row 4 is by A and B).
 * Artist C: row 3, class 0.
 */
const KEYS: RowKeys = [["A"], ["A"], ["B"], ["C"], ["A", "B"], ["B"]];
const LABELS = Int32Array.from([0, 0, 1, 0, 1, 2]);
const ALL = Int32Array.from([0, 1, 2, 3, 4, 5]);

const row = (p: Float64Array, r: number, k: number) => Array.from(p.subarray(r * k, (r + 1) * k));

describe("CategoryCounts", () => {
  it("counts each row's class under each of its categories, and once in the class totals", () => {
    const counts = CategoryCounts.fit(KEYS, LABELS, ALL, 3);
    expect(Array.from(counts.classTotals)).toEqual([3, 2, 1]);
    expect(counts.rows).toBe(6);
    expect(counts.size).toBe(3);
    const a = new Float64Array(3);
    expect(counts.gather(["A"], a)).toBe(3);
    expect(Array.from(a)).toEqual([2, 1, 0]);
    // A row by A and B pools both artists' counts: A (2, 1, 0) + B (0, 2, 1).
    const ab = new Float64Array(3);
    expect(counts.gather(["A", "B"], ab)).toBe(6);
    expect(Array.from(ab)).toEqual([2, 3, 1]);
    expect(counts.gather(["unknown"], new Float64Array(3))).toBe(0);
  });

  it("rejects a label outside the classes", () => {
    expect(() => CategoryCounts.fit([["A"]], Int32Array.from([3]), [0], 3)).toThrow(/label 3/);
  });
});

describe("smoothing toward the prior", () => {
  it("gives p_g = (n_g + α·π_g) / (n + α), and the prior itself for an unseen category", () => {
    const counts = CategoryCounts.fit(KEYS, LABELS, ALL, 3);
    const raw = countRows(counts, [["A"], ["nobody"], ["A", "B"]], [0, 1, 2]);
    expect(Array.from(raw.evidence)).toEqual([3, 0, 6]);
    const p = smooth(raw, 2);
    // A: counts (2, 1, 0), n = 3, α = 2, π = (1/2, 1/3, 1/6): ((2 + 1)/5, (1 + 2/3)/5, (0 + 1/3)/5).
    row(p, 0, 3).forEach((v, g) => {
      expect(v).toBeCloseTo([3 / 5, 5 / 15, 1 / 15][g] as number, 14);
    });
    row(p, 1, 3).forEach((v, g) => {
      expect(v).toBeCloseTo([1 / 2, 1 / 3, 1 / 6][g] as number, 14);
    });
    // A and B pooled: counts (2, 3, 1), n = 6: ((2 + 1)/8, (3 + 2/3)/8, (1 + 1/3)/8).
    row(p, 2, 3).forEach((v, g) => {
      expect(v).toBeCloseTo([3 / 8, 11 / 24, 1 / 6][g] as number, 14);
    });
  });

  it("tends to the category's own frequencies as α → 0 and to the prior as α grows", () => {
    const raw = countRows(CategoryCounts.fit(KEYS, LABELS, ALL, 3), [["A"]], [0]);
    row(smooth(raw, 1e-9), 0, 3).forEach((v, g) => {
      expect(v).toBeCloseTo([2 / 3, 1 / 3, 0][g] as number, 8);
    });
    row(smooth(raw, 1e9), 0, 3).forEach((v, g) => {
      expect(v).toBeCloseTo([1 / 2, 1 / 3, 1 / 6][g] as number, 8);
    });
  });

  it("rejects a non-positive α and a prior with an empty class", () => {
    const raw = countRows(CategoryCounts.fit(KEYS, LABELS, ALL, 3), [["A"]], [0]);
    expect(() => smooth(raw, 0)).toThrow(/alpha/);
    expect(() => classPrior(Float64Array.from([2, 0, 1]))).toThrow(/class 1/);
  });
});

describe("out-of-fold encoding", () => {
  it("never lets a row see its own label nor a row of its fold (hand-computed fixture)", () => {
    // Always counted: rows 0, 1, 2, 5. Folded: row 3 (fold 0) and row 4 (fold 1).
    const raw = countOutOfFold(KEYS, LABELS, 3, [0, 1, 2, 5], [3, 4], Int32Array.from([0, 1]), 2);
    // Row 3 (C, class 0): C occurs in no other row, so no evidence. Its prior counts rows 0, 1, 2, 5, 4:
    // classes 0, 0, 1, 2, 1 → (2/5, 2/5, 1/5).
    expect(raw.evidence[0]).toBe(0);
    expect(row(raw.counts, 0, 3)).toEqual([0, 0, 0]);
    expect(Array.from(raw.priors[raw.priorOf[0] as number] as Float64Array)).toEqual([2 / 5, 2 / 5, 1 / 5]);
    // Row 4 (A and B, class 1): A from rows 0, 1 → (2, 0, 0), B from rows 2, 5 → (0, 1, 1); pooled (2, 1, 1).
    // Counting its own row would have given (2, 3, 1).
    expect(row(raw.counts, 1, 3)).toEqual([2, 1, 1]);
    expect(raw.evidence[1]).toBe(4);
    // Its prior counts rows 0, 1, 2, 3, 5: classes 0, 0, 1, 0, 2 → (3/5, 1/5, 1/5).
    expect(Array.from(raw.priors[raw.priorOf[1] as number] as Float64Array)).toEqual([3 / 5, 1 / 5, 1 / 5]);
    // Smoothed with α = 1: ((2 + 3/5)/5, (1 + 1/5)/5, (1 + 1/5)/5).
    row(smooth(raw, 1), 1, 3).forEach((v, g) => {
      expect(v).toBeCloseTo([2.6 / 5, 1.2 / 5, 1.2 / 5][g] as number, 14);
    });
  });

  it("matches counting the other folds directly, on random data", () => {
    const rng = new Random(5);
    const n = 400;
    const K = 4;
    const keys: RowKeys = Array.from({ length: n }, () =>
      Array.from({ length: 1 + rng.nextInt(2) }, () => `k${rng.nextInt(30)}`).filter(
        (k, i, a) => a.indexOf(k) === i,
      ),
    );
    const labels = Int32Array.from({ length: n }, (_, i) => i % K);
    const always = Int32Array.from({ length: 250 }, (_, i) => i);
    const folded = Int32Array.from({ length: 150 }, (_, i) => 250 + i);
    const foldOf = Int32Array.from(folded, () => rng.nextInt(3));
    const raw = countOutOfFold(keys, labels, K, always, folded, foldOf, 3);
    const alpha = 0.7;
    const p = smooth(raw, alpha);
    for (let r = 0; r < folded.length; r++) {
      const others = [...always, ...folded.filter((_, i) => foldOf[i] !== foldOf[r])];
      const direct = smooth(
        countRows(CategoryCounts.fit(keys, labels, others, K), keys, [folded[r] as number]),
        alpha,
      );
      row(p, r, K).forEach((v, g) => {
        expect(v).toBeCloseTo(direct[g] as number, 12);
      });
    }
  });

  it("refuses a fold whose complement lacks a class (its prior would give that class 0)", () => {
    // Class 2 occurs only in row 5; with row 5 alone in fold 1 and nothing always counted, fold 1's prior is empty.
    expect(() => countOutOfFold(KEYS, LABELS, 3, [], [0, 5], Int32Array.from([0, 1]), 2)).toThrow(/class/);
  });
});

describe("category keys", () => {
  it("splits artists on ';', trims, drops duplicates and empty names", () => {
    expect(artistKeys(["A;B", " A ; B;A", "", "Solo", "X;;Y"])).toEqual([
      ["A", "B"],
      ["A", "B"],
      [],
      ["Solo"],
      ["X", "Y"],
    ]);
  });

  it("keeps an album name whole, and an empty one as no category", () => {
    expect(albumKeys(["Greatest Hits; Vol. 1", ""])).toEqual([["Greatest Hits; Vol. 1"], []]);
  });
});

describe("groupFolds", () => {
  it("keeps a group's rows in one fold, fills every fold, and is deterministic", () => {
    const rows = Int32Array.from({ length: 60 }, (_, i) => 99 + i);
    const groupOf = (row: number) => `track-${Math.floor(row / 3)}`;
    const folds = groupFolds(rows, groupOf, 5, 9);
    const foldOfGroup = new Map<string, number>();
    rows.forEach((row, r) => {
      const g = groupOf(row);
      expect(foldOfGroup.get(g) ?? folds[r]).toBe(folds[r]);
      foldOfGroup.set(g, folds[r] as number);
    });
    // 20 groups dealt round-robin to 5 folds: 4 groups (12 rows) each.
    for (let f = 0; f < 5; f++) expect(folds.filter((x) => x === f).length).toBe(12);
    expect(groupFolds(rows, groupOf, 5, 9)).toEqual(folds);
    expect(groupFolds(rows, groupOf, 5, 10)).not.toEqual(folds);
    expect(() => groupFolds(Int32Array.from([1, 2]), String, 3, 0)).toThrow(/2 groups/);
  });
});
