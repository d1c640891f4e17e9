import { describe, expect, it } from "vitest";
import { Random } from "../../src/random.ts";
import { groupedSplit, seedRandomSplit, stratifiedGroupedSplit } from "../../src/splits/splits.ts";

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

describe("stratifiedGroupedSplit", () => {
  // 2,000 rows over 700 groups of 1–8 rows, 20 labels; a group's rows mostly share a label, as a recording's do.
  const rng = new Random(9);
  const groups: string[] = [];
  const labels: number[] = [];
  for (let g = 0; groups.length < 2000; g++) {
    const size = 1 + (rng.nextInt(8) === 0 ? rng.nextInt(8) : 0);
    const label = rng.nextInt(20);
    for (let i = 0; i < size && groups.length < 2000; i++) {
      groups.push(`r${(g * 7919) % 10007}`);
      labels.push(i > 0 && rng.nextInt(4) === 0 ? rng.nextInt(20) : label);
    }
  }
  const split = stratifiedGroupedSplit(groups, labels, "recording-grouped", 42);

  it("puts every group in exactly one part, about 60/20/20", () => {
    expectPartition(split, 2000);
    const partOf = new Map<string, string>();
    for (const part of ["train", "validation", "test"] as const) {
      for (const row of split[part]) {
        expect(partOf.get(groups[row] as string) ?? part).toBe(part);
        partOf.set(groups[row] as string, part);
      }
    }
    expect(split.test.length / 2000).toBeCloseTo(0.2, 1);
    expect(split.validation.length / 2000).toBeCloseTo(0.2, 1);
    expect(split.groups).toBe(groups);
  });

  it("keeps each label's share of the test part near a fifth", () => {
    for (let c = 0; c < 20; c++) {
      const total = labels.filter((l) => l === c).length;
      const inTest = Array.from(split.test).filter((row) => labels[row] === c).length;
      expect(Math.abs(inTest / total - 0.2), `label ${c}`).toBeLessThan(0.05);
    }
  });

  it("lists each part group by group in a shuffled order, not in row order", () => {
    const train = Array.from(split.train);
    for (let i = 1; i < train.length; i++) {
      const [a, b] = [groups[train[i - 1] as number], groups[train[i] as number]];
      // Once a group's rows end, the group does not come back.
      if (a !== b) expect(train.slice(i).some((row) => groups[row] === a)).toBe(false);
    }
    expect(train).not.toEqual([...train].sort((a, b) => a - b));
  });

  it("is deterministic for a seed", () => {
    const again = stratifiedGroupedSplit([...groups], labels, "recording-grouped", 42);
    expect(again.test).toEqual(split.test);
    expect(stratifiedGroupedSplit(groups, labels, "recording-grouped", 43).test).not.toEqual(split.test);
  });
});
