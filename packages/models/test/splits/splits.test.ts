import { describe, expect, it } from "vitest";
import { groupedSplit, seedRandomSplit } from "../../src/splits/splits.ts";

function expectPartition(split: { train: Int32Array; validation: Int32Array; test: Int32Array }, n: number) {
  const all = [...split.train, ...split.validation, ...split.test].sort((a, b) => a - b);
  expect(all).toEqual(Array.from({ length: n }, (_, i) => i));
}

describe("seedRandomSplit", () => {
  it("has sklearn's sizes: test ⌈0.2n⌉, validation ⌈0.25·rest⌉, train the rest", () => {
    // n = 113,822: test ⌈22,764.4⌉ = 22,765; rest 91,057; validation ⌈22,764.25⌉ = 22,765; train 68,292.
    const split = seedRandomSplit(113_822);
    expect([split.train.length, split.validation.length, split.test.length]).toEqual([
      68_292, 22_765, 22_765,
    ]);
    expectPartition(split, 113_822);
  });

  it("is deterministic for a seed and differs between seeds", () => {
    expect(seedRandomSplit(1000, 7).test).toEqual(seedRandomSplit(1000, 7).test);
    expect(seedRandomSplit(1000, 7).test).not.toEqual(seedRandomSplit(1000, 8).test);
  });
});

describe("groupedSplit", () => {
  // 300 rows over 100 groups of 1–5 rows each.
  const groups = Array.from({ length: 300 }, (_, i) => `g${(i * 37) % 100}`);

  it("puts every group in exactly one part", () => {
    const split = groupedSplit(groups, 3);
    expectPartition(split, 300);
    const partOf = new Map<string, string>();
    for (const [name, rows] of Object.entries({
      train: split.train,
      validation: split.validation,
      test: split.test,
    })) {
      for (const row of rows) {
        const group = groups[row] as string;
        expect(partOf.get(group) ?? name).toBe(name);
        partOf.set(group, name);
      }
    }
  });

  it("fills test and validation to at least 20 % of the rows each, overshooting by less than one group", () => {
    const split = groupedSplit(groups, 3);
    expect(split.test.length).toBeGreaterThanOrEqual(60);
    expect(split.test.length).toBeLessThan(60 + 5);
    expect(split.validation.length).toBeGreaterThanOrEqual(60);
    expect(split.validation.length).toBeLessThan(60 + 5);
  });

  it("does not depend on row order of equal inputs, only on the seed", () => {
    expect(groupedSplit(groups, 3).test).toEqual(groupedSplit([...groups], 3).test);
  });
});
