import { describe, expect, it } from "vitest";
import { Random } from "../src/random.ts";

// Reference outputs from compiling Vigna's public-domain splitmix64.c and xoshiro128starstar.c (gcc, x86-64),
// seeding s[0..3] = lo(z1), hi(z1), lo(z2), hi(z2) from the first two SplitMix64 outputs z1, z2.
const REFERENCE: [number, number[]][] = [
  [42, [1776835114, 4165204688, 17111135, 2317295270, 2792088233, 2554630222, 2940343271, 2244566231]],
  [0, [3737715805, 2584255861, 2876756834, 3286328325, 1553311962, 1625202774, 3260698944, 2754151956]],
  [1234567, [1967786208, 270031234, 1115494691, 824886977, 1639868524, 2161081248, 2838648034, 3793284430]],
];

/** Pearson's chi-square statistic of observed counts against equal expected counts. */
function chiSquare(counts: ArrayLike<number>): number {
  let total = 0;
  for (let i = 0; i < counts.length; i++) total += counts[i] as number;
  const expected = total / counts.length;
  let chi = 0;
  for (let i = 0; i < counts.length; i++) chi += ((counts[i] as number) - expected) ** 2 / expected;
  return chi;
}

describe("Random", () => {
  it("matches the reference C implementation", () => {
    for (const [seed, expected] of REFERENCE) {
      const rng = new Random(seed);
      expect(Array.from({ length: 8 }, () => rng.nextUint32())).toEqual(expected);
    }
  });

  it("is deterministic: the same seed gives the same sequence", () => {
    const a = new Random(2024);
    const b = new Random(2024);
    const c = new Random(2025);
    const sa = Array.from({ length: 100 }, () => a.nextFloat());
    expect(Array.from({ length: 100 }, () => b.nextFloat())).toEqual(sa);
    expect(Array.from({ length: 100 }, () => c.nextFloat())).not.toEqual(sa);
  });

  it("takes seeds modulo 2^64, as number or bigint", () => {
    expect(new Random(42n).nextUint32()).toBe(1776835114);
    expect(new Random(-1).nextUint32()).toBe(new Random(2n ** 64n - 1n).nextUint32());
    expect(() => new Random(1.5)).toThrow(RangeError);
  });

  it("builds nextFloat from 27 + 26 bits of two draws", () => {
    // seed 42 draws 1776835114 then 4165204688: (1776835114 >>> 5) = 55526097, (4165204688 >>> 6) = 65081323.
    const expected = (55526097 * 2 ** 26 + 65081323) / 2 ** 53;
    expect(new Random(42).nextFloat()).toBe(expected);
    const rng = new Random(7);
    let sum = 0;
    let inRange = true;
    for (let i = 0; i < 100_000; i++) {
      const x = rng.nextFloat();
      inRange &&= x >= 0 && x < 1;
      sum += x;
    }
    expect(inRange).toBe(true);
    // Mean of U(0,1) is 1/2 with standard error sqrt(1/12 / 1e5) ≈ 0.0009; allow 5 of them.
    expect(Math.abs(sum / 100_000 - 0.5)).toBeLessThan(0.0046);
  });

  it("draws nextInt(7) uniformly (chi-square, 6 degrees of freedom)", () => {
    const rng = new Random(11);
    const counts = new Float64Array(7);
    for (let i = 0; i < 70_000; i++) {
      const v = rng.nextInt(7);
      counts[v] = (counts[v] as number) + 1;
    }
    expect(chiSquare(counts)).toBeLessThan(22.458); // the 0.999 quantile of chi-square(6)
  });

  it("has no modulo bias where plain r % n would be badly biased", () => {
    // n = 3·2^30: r % n sends [0, 2^30) twice as often as the other thirds (probabilities 1/2, 1/4, 1/4).
    const n = 3 * 2 ** 30;
    const rng = new Random(5);
    const counts = new Float64Array(3);
    for (let i = 0; i < 30_000; i++) {
      const third = Math.floor(rng.nextInt(n) / 2 ** 30);
      counts[third] = (counts[third] as number) + 1;
    }
    // Biased draws would expect counts 15000, 7500, 7500: chi-square ≈ (5000² + 2500² + 2500²) / 10000 = 3750.
    // 13.816 is the 0.999 quantile of chi-square(2).
    expect(chiSquare(counts)).toBeLessThan(13.816);
  });

  it("accepts 1 ≤ n ≤ 2^32 in nextInt", () => {
    const rng = new Random(1);
    expect(rng.nextInt(1)).toBe(0);
    const big = rng.nextInt(2 ** 32);
    expect(big >= 0 && big < 2 ** 32).toBe(true);
    expect(() => rng.nextInt(0)).toThrow(RangeError);
    expect(() => rng.nextInt(2.5)).toThrow(RangeError);
    expect(() => rng.nextInt(2 ** 32 + 1)).toThrow(RangeError);
  });

  it("shuffles in place into each of the 3! orders equally often", () => {
    const rng = new Random(3);
    const counts = new Map<string, number>();
    for (let i = 0; i < 60_000; i++) {
      const a = [0, 1, 2];
      rng.shuffle(a);
      const key = a.join("");
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    expect(counts.size).toBe(6);
    expect(chiSquare([...counts.values()])).toBeLessThan(20.515); // chi-square(5) at 0.999
  });

  it("returns the array it shuffled", () => {
    const a = [1, 2, 3];
    expect(new Random(1).shuffle(a)).toBe(a);
  });

  it("gives permutations of 0..n-1", () => {
    const p = new Random(9).permutation(1000);
    expect(Array.from(p).sort((a, b) => a - b)).toEqual(Array.from({ length: 1000 }, (_, i) => i));
    expect(new Random(9).permutation(0)).toEqual(new Int32Array(0));
  });

  it("samples distinct indices uniformly, densely or sparsely", () => {
    const rng = new Random(21);
    // Dense path (k·8 ≥ n): each of 10 values is in a sample of 2 with probability 1/5.
    let distinct = true;
    const dense = new Float64Array(10);
    for (let t = 0; t < 20_000; t++) {
      const s = rng.sample(10, 2);
      distinct &&= s[0] !== s[1];
      for (const v of s) dense[v] = (dense[v] as number) + 1;
    }
    expect(chiSquare(dense)).toBeLessThan(27.877); // chi-square(9) at 0.999
    // Sparse path (k·8 < n).
    const sparse = new Float64Array(100);
    for (let t = 0; t < 20_000; t++) {
      const s = rng.sample(100, 3);
      distinct &&= new Set(s).size === 3;
      for (const v of s) sparse[v] = (sparse[v] as number) + 1;
    }
    expect(chiSquare(sparse)).toBeLessThan(148.23); // chi-square(99) at 0.999
    expect(distinct).toBe(true);
    expect(Array.from(rng.sample(5, 5)).sort()).toEqual([0, 1, 2, 3, 4]);
    expect(rng.sample(5, 0).length).toBe(0);
    expect(() => rng.sample(5, 6)).toThrow(RangeError);
  });

  it("bootstraps with replacement", () => {
    const b = new Random(4).bootstrap(10, 1000);
    expect(b.length).toBe(1000);
    expect(b.every((v) => v >= 0 && v < 10)).toBe(true);
    expect(new Set(b).size).toBe(10);
    expect(new Random(4).bootstrap(7).length).toBe(7);
  });

  it("forks reproducible streams without advancing the parent", () => {
    const parent = new Random(99);
    const twin = new Random(99);
    const a = parent.fork(3);
    const b = parent.fork(3);
    const c = parent.fork(4);
    const draws = (r: Random) => Array.from({ length: 16 }, () => r.nextUint32());
    const sa = draws(a);
    expect(draws(b)).toEqual(sa);
    expect(draws(c)).not.toEqual(sa);
    expect(draws(parent)).toEqual(draws(twin)); // forking drew nothing from the parent
    expect(draws(parent.fork(3))).not.toEqual(sa); // the parent has moved on, so stream 3 is new
    expect(draws(new Random(99).fork(3n))).toEqual(sa);
  });
});

describe("Random.fillUint32", () => {
  it("fills with the same values nextUint32 gives, and leaves the generator where nextUint32 would", () => {
    const a = new Random(123);
    const b = new Random(123);
    const filled = a.fillUint32(new Uint32Array(37));
    expect(Array.from(filled)).toEqual(Array.from({ length: 37 }, () => b.nextUint32()));
    expect(a.nextUint32()).toBe(b.nextUint32());
  });
});
