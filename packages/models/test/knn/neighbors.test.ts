import { describe, expect, it } from "vitest";
import { bruteForceNeighbors } from "../../src/knn/brute-force.ts";
import { KDTree } from "../../src/knn/kd-tree.ts";
import { KNeighborsClassifier } from "../../src/knn/neighbors-classifier.ts";
import { type Matrix, matrix } from "../../src/matrix.ts";
import { Random } from "../../src/random.ts";

/** The plainest exact reference: all squared distances, sorted by (distance, index), first k. */
function reference(train: Matrix, queries: Matrix, k: number) {
  const { rows: n, cols: d } = train;
  const indices: number[] = [];
  const d2: number[] = [];
  for (let q = 0; q < queries.rows; q++) {
    const all = Array.from({ length: n }, (_, p) => {
      let s = 0;
      for (let j = 0; j < d; j++) {
        const diff = (queries.data[q * d + j] as number) - (train.data[p * d + j] as number);
        s += diff * diff;
      }
      return { p, s };
    });
    all.sort((a, b) => a.s - b.s || a.p - b.p);
    for (const { p, s } of all.slice(0, k)) {
      indices.push(p);
      d2.push(s);
    }
  }
  return { indices, distances: d2.map(Math.sqrt) };
}

/** The reference vote: counts over the reference neighbours, ties to the smallest class. */
function referenceVote(labels: Int32Array, neighbours: number[], k: number, K: number, nq: number) {
  const pred: number[] = [];
  const proba: number[] = [];
  for (let q = 0; q < nq; q++) {
    const counts = new Array<number>(K).fill(0);
    for (let m = 0; m < k; m++) {
      const c = labels[neighbours[q * k + m] as number] as number;
      counts[c] = (counts[c] as number) + 1;
    }
    pred.push(counts.indexOf(Math.max(...counts)));
    proba.push(...counts.map((c) => c / k));
  }
  return { pred, proba };
}

/** Random rows; `grid` rounds to a coarse lattice so that duplicates and equal distances abound. */
function randomMatrix(rng: Random, n: number, d: number, grid: number | null, scales?: number[]): Matrix {
  const X = matrix(n, d);
  for (let i = 0; i < n * d; i++) {
    const v = rng.nextFloat() * (scales?.[i % d] ?? 1);
    X.data[i] = grid === null ? v : Math.round(v * grid) / grid;
  }
  return X;
}

describe("exact neighbours: KD-tree and brute force against a plain sort", () => {
  const cases = [
    { name: "continuous, 3-D", n: 400, d: 3, grid: null, k: 5, leafSize: 30 },
    { name: "lattice with many ties, 2-D, leaves of 1", n: 300, d: 2, grid: 3, k: 5, leafSize: 1 },
    { name: "lattice, 4-D, k = 7", n: 500, d: 4, grid: 2, k: 7, leafSize: 4 },
    { name: "15-D continuous", n: 600, d: 15, grid: null, k: 5, leafSize: 30 },
    { name: "1-D lattice, all rows in 3 values", n: 200, d: 1, grid: 1, k: 5, leafSize: 8 },
  ] as const;
  for (const c of cases) {
    it(c.name, () => {
      const rng = new Random(c.n * 31 + c.d);
      const train = randomMatrix(rng, c.n, c.d, c.grid);
      const queries = randomMatrix(rng, 120, c.d, c.grid);
      const want = reference(train, queries, c.k);
      const tree = new KDTree(train, { leafSize: c.leafSize }).query(queries, c.k);
      const brute = bruteForceNeighbors(train, queries, c.k);
      expect(Array.from(tree.indices)).toEqual(want.indices);
      expect(Array.from(tree.distances)).toEqual(want.distances);
      expect(Array.from(brute.indices)).toEqual(want.indices);
      expect(Array.from(brute.distances)).toEqual(want.distances);
    });
  }

  it("wildly different column scales (like duration in ms next to 0–1 features)", () => {
    const rng = new Random(99);
    const scales = [250000, 1, 100, 0.01, 12];
    const train = randomMatrix(rng, 800, 5, null, scales);
    // Quantise the large column so that ties in it are common, as with integer milliseconds.
    for (let i = 0; i < 800; i++) train.data[i * 5] = Math.round((train.data[i * 5] as number) / 5000) * 5000;
    const queries = randomMatrix(rng, 150, 5, null, scales);
    const want = reference(train, queries, 5);
    const tree = new KDTree(train).query(queries, 5);
    expect(Array.from(tree.indices)).toEqual(want.indices);
  });
});

describe("KNeighborsClassifier", () => {
  it("matches the reference vote, predictProba included, on tie-rich random data", () => {
    const rng = new Random(5);
    for (const [d, grid, K] of [
      [2, 2, 3],
      [3, 4, 4],
      [6, null, 5],
    ] as const) {
      const train = randomMatrix(rng, 400, d, grid);
      const labels = Int32Array.from({ length: 400 }, () => rng.nextInt(K));
      const queries = randomMatrix(rng, 200, d, grid);
      const want = reference(train, queries, 5);
      const vote = referenceVote(labels, want.indices, 5, K, 200);
      for (const algorithm of ["kd_tree", "brute", "auto"] as const) {
        const m = new KNeighborsClassifier({ nNeighbors: 5, algorithm }).fit(train, labels, K);
        expect(Array.from(m.predict(queries))).toEqual(vote.pred);
        expect(Array.from(m.predictProba(queries))).toEqual(vote.proba);
      }
    }
  });

  it("hand-checked 1-D case: vote ties go to the smallest class, distance ties to the smallest row", () => {
    // Training points on a line: x = 0, 1, 1, 2, 3, 10 with classes 2, 1, 0, 1, 0, 2.
    const X = matrix(6, 1, Float64Array.of(0, 1, 1, 2, 3, 10));
    const y = Int32Array.of(2, 1, 0, 1, 0, 2);
    const m = new KNeighborsClassifier({ nNeighbors: 4 }).fit(X, y, 3);
    const Q = matrix(3, 1, Float64Array.of(1, 9, 1.5));
    // Query 1: rows 1 and 2 (d 0), then rows 0 and 3 (d 1): classes 1, 0, 2, 1 → class 1 (2 votes).
    // Query 9: row 5 (d 1), row 4 (d 6), row 3 (d 7), then rows 1 and 2 tie at d 8: row 1 (class 1) wins
    //   the tie → classes 2, 0, 1, 1 → class 1.
    // Query 1.5: rows 1, 2, 3 at 0.5, then rows 0 and 4 at 1.5: row 0 → classes 1, 0, 1, 2 → class 1.
    const nb = m.kneighbors(Q);
    expect(Array.from(nb.indices)).toEqual([1, 2, 0, 3, 5, 4, 3, 1, 1, 2, 3, 0]);
    expect(Array.from(nb.distances)).toEqual([0, 0, 1, 1, 1, 6, 7, 8, 0.5, 0.5, 0.5, 1.5]);
    expect(Array.from(m.predict(Q))).toEqual([1, 1, 1]);
    // A 2–2 vote tie: k = 2 at x = 2.5 sees rows 3 (class 1) and 4 (class 0), both at 0.5 → class 0.
    const m2 = new KNeighborsClassifier({ nNeighbors: 2 }).fit(X, y, 3);
    const Q2 = matrix(1, 1, Float64Array.of(2.5));
    expect(Array.from(m2.predictProba(Q2))).toEqual([0.5, 0.5, 0]);
    expect(Array.from(m2.predict(Q2))).toEqual([0]);
  });

  it("chooses the KD-tree like sklearn's auto (d ≤ 15 and k < n/2), brute force otherwise", () => {
    const rng = new Random(1);
    const y = Int32Array.from({ length: 40 }, (_, i) => i % 2);
    expect(new KNeighborsClassifier().fit(randomMatrix(rng, 40, 15, null), y, 2).method).toBe("kd_tree");
    expect(new KNeighborsClassifier().fit(randomMatrix(rng, 40, 16, null), y, 2).method).toBe("brute");
    expect(
      new KNeighborsClassifier({ nNeighbors: 20 }).fit(randomMatrix(rng, 40, 3, null), y, 2).method,
    ).toBe("brute");
    expect(() =>
      new KNeighborsClassifier({ nNeighbors: 41 }).fit(randomMatrix(rng, 40, 3, null), y, 2),
    ).toThrow();
  });

  it("rejects NaN rows and queries, as sklearn does", () => {
    const X = matrix(3, 1, Float64Array.of(0, 1, 2));
    const y = Int32Array.of(0, 1, 0);
    const bad = matrix(1, 1, Float64Array.of(Number.NaN));
    for (const algorithm of ["kd_tree", "brute"] as const) {
      const m = new KNeighborsClassifier({ nNeighbors: 1, algorithm }).fit(X, y, 2);
      expect(() => m.predict(bad)).toThrow(/NaN/);
    }
    expect(() => new KDTree(matrix(1, 1, Float64Array.of(Number.NaN)))).toThrow(/NaN/);
  });
});
