import { describe, expect, it } from "vitest";
import { type Matrix, matrix } from "../../src/matrix.ts";
import { Random } from "../../src/random.ts";
import { fitAgglomerativeWard } from "../../src/unsupervised/agglomerative.ts";
import { cutTree } from "../../src/unsupervised/hierarchy-cut.ts";
import { wardLinkageInWorker } from "../../src/unsupervised/ward-in-worker.ts";
import { wardLinkage } from "../../src/unsupervised/ward-linkage.ts";
import { normal } from "./blobs.ts";

/** Labels renumbered by first appearance, so that two equal partitions compare equal. */
function canonical(labels: ArrayLike<number>): number[] {
  const seen = new Map<number, number>();
  return Array.from(labels, (l) => {
    if (!seen.has(l)) seen.set(l, seen.size);
    return seen.get(l) as number;
  });
}

/**
 * The textbook O(n³) Ward algorithm, for reference: keep every cluster's members, and at each step merge the
 * pair whose union raises the within-cluster sum of squares least, Δ(A, B) = |A||B| / (|A| + |B|) · ‖c_A − c_B‖²
 * (centroids recomputed from the members). Returns the partition at `k` clusters and every merge's height
 * √(2Δ) (scipy's Ward distance).
 */
function naiveWard(X: Matrix, k: number): { labels: number[]; heights: number[] } {
  const { rows: n, cols: d, data } = X;
  let clusters: number[][] = Array.from({ length: n }, (_, i) => [i]);
  const heights: number[] = [];
  let labelsAtK: number[] = [];
  const centroid = (members: number[]) =>
    Array.from(
      { length: d },
      (_, f) => members.reduce((s, i) => s + (data[i * d + f] as number), 0) / members.length,
    );
  while (clusters.length > 1) {
    if (clusters.length === k) {
      labelsAtK = new Array(n);
      clusters.forEach((members, c) => {
        for (const i of members) labelsAtK[i] = c;
      });
    }
    const centroids = clusters.map(centroid);
    let best = Number.POSITIVE_INFINITY;
    let pair: [number, number] = [0, 1];
    for (let a = 0; a < clusters.length; a++) {
      for (let b = a + 1; b < clusters.length; b++) {
        const na = (clusters[a] as number[]).length;
        const nb = (clusters[b] as number[]).length;
        const ca = centroids[a] as number[];
        const cb = centroids[b] as number[];
        const dist2 = ca.reduce((s, x, f) => s + (x - (cb[f] as number)) ** 2, 0);
        const delta = ((na * nb) / (na + nb)) * dist2;
        if (delta < best) {
          best = delta;
          pair = [a, b];
        }
      }
    }
    heights.push(Math.sqrt(2 * best));
    const [a, b] = pair;
    const merged = [...(clusters[a] as number[]), ...(clusters[b] as number[])];
    clusters = clusters.filter((_, c) => c !== a && c !== b);
    clusters.push(merged);
  }
  return { labels: labelsAtK, heights };
}

describe("wardLinkage", () => {
  it("reproduces a hand-worked 5-point example: merge order and heights", () => {
    // Points 0, 1, 3, 7, 8 on a line. Ward distance √(2|A||B|/(|A|+|B|))·|c_A − c_B|:
    //  1. {0} + {1}: √1 · 1 = 1 (ties with {7} + {8}; the chain starts at row 0, so this one comes first);
    //  2. {7} + {8}: 1;
    //  3. {0,1} (centroid 0.5) + {3}: √(2·2·1/3) · 2.5 = √(4/3) · 2.5 = 2.886751…
    //     (beats {7,8} + {3}: √(4/3) · 4.5 = 5.196…);
    //  4. {0,1,3} (centroid 4/3) + {7,8} (centroid 7.5): √(2·3·2/5) · 37/6 = √2.4 · 6.1667 = 9.553358…
    // scipy.cluster.hierarchy.linkage(F, "ward") gives the same rows:
    //   [[0, 1, 1, 2], [3, 4, 1, 2], [2, 5, 2.8867513459481287, 3], [6, 7, 9.553358920644962, 5]]
    const X = matrix(5, 1, Float64Array.from([0, 1, 3, 7, 8]));
    const linkage = wardLinkage(X);
    expect(Array.from(linkage.children)).toEqual([0, 1, 3, 4, 2, 5, 6, 7]);
    expect(Array.from(linkage.sizes)).toEqual([2, 2, 3, 5]);
    const expected = [1, 1, Math.sqrt(4 / 3) * 2.5, Math.sqrt(2.4) * (37 / 6)];
    expected.forEach((h, s) => {
      expect(linkage.heights[s]).toBeCloseTo(h, 12);
    });
    expect(linkage.heights[2]).toBeCloseTo(2.8867513459481287, 12);
    expect(linkage.heights[3]).toBeCloseTo(9.553358920644962, 12);
    expect(canonical(cutTree(linkage, 2))).toEqual([0, 0, 0, 1, 1]);
  });

  it("gives the naive O(n³) Ward algorithm's partitions and heights on random data", () => {
    for (const seed of [1, 2, 3]) {
      const rng = new Random(seed);
      const n = 60;
      const d = 4;
      // Three loose groups, so the cut is neither trivial nor tied.
      const data = Float64Array.from({ length: n * d }, (_, k) => normal(rng) + 3 * (Math.floor(k / d) % 3));
      const X = matrix(n, d, data);
      const linkage = wardLinkage(X);
      for (const k of [2, 3, 5, 10]) {
        const naive = naiveWard(X, k);
        expect(canonical(cutTree(linkage, k))).toEqual(canonical(naive.labels));
      }
      const naive = naiveWard(X, 1);
      naive.heights.forEach((h, s) => {
        expect(linkage.heights[s]).toBeCloseTo(h, 9);
      });
    }
  });

  it("matches scikit-learn 1.2.1's AgglomerativeClustering(linkage='ward') labels on a fixed 12-point set", () => {
    // python3: AgglomerativeClustering(n_clusters=k, linkage="ward").fit(P).labels_ (sklearn 1.2.1), and
    // scipy.cluster.hierarchy.linkage(P, "ward") for the children and heights.
    const P = matrix(
      12,
      2,
      Float64Array.from([
        0, 0, 0.4, 0.1, 1.1, -0.2, 5, 5, 5.3, 4.6, 4.4, 5.5, 10, 0, 9.5, 0.7, 10.8, -0.4, 0.3, 9.7, -0.6,
        10.4, 0.2, 10.9,
      ]),
    );
    const fit = fitAgglomerativeWard(P, 3);
    expect(Array.from(fit.labels)).toEqual([0, 0, 0, 0, 0, 0, 2, 2, 2, 1, 1, 1]);
    expect(Array.from(cutTree(fit.linkage, 2))).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1]);
    expect(Array.from(cutTree(fit.linkage, 4))).toEqual([3, 3, 3, 2, 2, 2, 0, 0, 0, 1, 1, 1]);
    expect(Array.from(fit.linkage.children)).toEqual([
      0, 1, 3, 4, 6, 7, 10, 11, 2, 12, 5, 13, 9, 15, 8, 14, 16, 17, 19, 20, 18, 21,
    ]);
    const heights = [
      0.4123105625617661, 0.5000000000000001, 0.8602325267042626, 0.9433981132056605, 1.0785793124908958,
      1.1846237095944574, 1.2396235987858046, 1.4899664425751347, 11.622965771838672, 15.558920271021377,
      21.379546300143975,
    ];
    heights.forEach((h, s) => {
      expect(fit.linkage.heights[s]).toBeCloseTo(h, 12);
    });
  });

  it("builds the same tree on a worker thread", async () => {
    const rng = new Random(9);
    const X = matrix(
      80,
      3,
      Float64Array.from({ length: 240 }, () => normal(rng)),
    );
    const inWorker = await wardLinkageInWorker(X);
    const direct = wardLinkage(X);
    expect(inWorker.children).toEqual(direct.children);
    expect(inWorker.heights).toEqual(direct.heights);
  }, 30_000);
});
