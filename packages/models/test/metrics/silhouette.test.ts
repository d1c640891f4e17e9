import { describe, expect, it } from "vitest";
import { silhouetteSamples, silhouetteScore } from "../../src/metrics/silhouette.ts";
import { Random } from "../../src/random.ts";

/** The silhouette straight from its definition, one point at a time: an independent check. */
function bySilhouetteDefinition(points: number[][], labels: number[]): number[] {
  const dist = (p: number[], q: number[]) => Math.hypot(...p.map((v, f) => v - (q[f] as number)));
  return points.map((p, i) => {
    const mine = points.filter((_, j) => j !== i && labels[j] === labels[i]);
    if (mine.length === 0) return 0;
    const a = mine.reduce((s, q) => s + dist(p, q), 0) / mine.length;
    const others = [...new Set(labels)].filter((l) => l !== labels[i]);
    const b = Math.min(
      ...others.map((l) => {
        const members = points.filter((_, j) => labels[j] === l);
        return members.reduce((s, q) => s + dist(p, q), 0) / members.length;
      }),
    );
    return Math.max(a, b) === 0 ? 0 : (b - a) / Math.max(a, b);
  });
}

describe("silhouette", () => {
  it("matches hand computation in one dimension", () => {
    // Points 0, 1 | 4, 6.
    //   0: a = 1, b = (4 + 6)/2 = 5 → 4/5;   1: a = 1, b = (3 + 5)/2 = 4 → 3/4
    //   4: a = 2, b = (4 + 3)/2 = 3.5 → 1.5/3.5 = 3/7;   6: a = 2, b = (6 + 5)/2 = 5.5 → 3.5/5.5 = 7/11
    // scikit-learn 1.2.1 silhouette_samples: [0.8, 0.75, 0.42857142857142855, 0.6363636363636364].
    const s = silhouetteSamples(Float64Array.of(0, 1, 4, 6), 1, [0, 0, 1, 1]);
    const expected = [4 / 5, 3 / 4, 3 / 7, 7 / 11];
    for (const [i, v] of s.entries()) expect(v).toBeCloseTo(expected[i] as number, 15);
    expect(silhouetteScore(Float64Array.of(0, 1, 4, 6), 1, [0, 0, 1, 1])).toBeCloseTo(
      (4 / 5 + 3 / 4 + 3 / 7 + 7 / 11) / 4,
      15,
    );
  });

  it("scores a singleton cluster 0 and handles coincident points", () => {
    // 5 is alone in its cluster → 0. scikit-learn 1.2.1: [0.8, 0.75, 0.0].
    expect(Array.from(silhouetteSamples(Float64Array.of(0, 1, 5), 1, [0, 0, 1]))).toEqual([0.8, 0.75, 0]);
    // Three copies of (0,0) and one (1,1), clusters {0,2} and {1,3}: a = 0, b = √2/2 → 1; a = √2, b = 0 → −1;
    // the last has a = b = √2 → 0. scikit-learn 1.2.1: [1, -1, 1, 0].
    const s = silhouetteSamples(Float64Array.of(0, 0, 0, 0, 0, 0, 1, 1), 2, [0, 1, 0, 1]);
    expect(Array.from(s)).toEqual([1, -1, 1, 0]);
    // Every point identical: a = b = 0, and 0/0 becomes 0 as sklearn's nan_to_num.
    expect(Array.from(silhouetteSamples(new Float64Array(4), 1, [0, 0, 1, 1]))).toEqual([0, 0, 0, 0]);
  });

  const X = Float64Array.of(0, 0, 0, 1, 1, 0, 5, 5, 5, 6, 9, 0, 9, 1);
  const labels = [0, 0, 0, 1, 1, 2, 2];

  it("agrees with sklearn on a 2-D example", () => {
    // scikit-learn 1.2.1 silhouette_score: 0.8405162988021886.
    expect(silhouetteScore(X, 2, labels)).toBeCloseTo(0.8405162988021886, 14);
  });

  it("scores only the chosen rows, using distances among them alone", () => {
    // Rows 0, 1, 3, 5: (0,0) (0,1) in cluster 0, (5,5) and (9,0) alone in clusters 1 and 2.
    //   (0,0): a = 1, b = min(√50, 9) → 1 − 1/√50;  (0,1): a = 1, b = min(√41, √82) → 1 − 1/√41; singletons 0.
    // scikit-learn 1.2.1 on those rows: 0.4256012204685211.
    const expected = (1 - 1 / Math.sqrt(50) + 1 - 1 / Math.sqrt(41)) / 4;
    expect(silhouetteScore(X, 2, labels, { indices: [0, 1, 3, 5] })).toBeCloseTo(expected, 15);
    expect(expected).toBeCloseTo(0.4256012204685211, 15);
  });

  it("draws a subsample with sampleSize and rng", () => {
    const rng = new Random(6);
    const n = 300;
    const points = Float64Array.from({ length: n * 3 }, () => rng.nextFloat());
    const clusters = Int32Array.from({ length: n }, (_, i) =>
      (points[i * 3] as number) > 0.5 ? 1 : i % 3 === 0 ? 2 : 0,
    );
    const indices = new Random(77).sample(n, 50);
    expect(silhouetteScore(points, 3, clusters, { sampleSize: 50, rng: new Random(77) })).toBe(
      silhouetteScore(points, 3, clusters, { indices }),
    );
    const subset = Array.from(indices, (i) => Array.from(points.subarray(i * 3, i * 3 + 3)));
    const expected = bySilhouetteDefinition(
      subset,
      Array.from(indices, (i) => clusters[i] as number),
    );
    const got = silhouetteSamples(points, 3, clusters, { indices });
    for (const [i, v] of got.entries()) expect(v).toBeCloseTo(expected[i] as number, 12);
  });

  it("needs 2 to m − 1 clusters", () => {
    expect(() => silhouetteScore(Float64Array.of(0, 1, 2), 1, [0, 0, 0])).toThrow(RangeError);
    expect(() => silhouetteScore(Float64Array.of(0, 1, 2), 1, [0, 1, 2])).toThrow(RangeError);
    expect(() => silhouetteScore(Float64Array.of(0, 1, 2), 2, [0, 1, 1])).toThrow(RangeError);
    expect(() => silhouetteScore(X, 2, labels, { sampleSize: 3 })).toThrow(TypeError);
  });
});
