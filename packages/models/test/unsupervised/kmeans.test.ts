import { describe, expect, it } from "vitest";
import { adjustedRandIndex } from "../../src/metrics/index.ts";
import { Random } from "../../src/random.ts";
import { fitKMeans, kmeansPredict } from "../../src/unsupervised/kmeans.ts";
import { kmeansPlusPlus } from "../../src/unsupervised/kmeans-plus-plus.ts";
import { blobs } from "./blobs.ts";

const CENTRES = [
  [0, 0, 0],
  [20, 0, 0],
  [0, 20, 0],
  [0, 0, 20],
  [20, 20, 20],
];

describe("fitKMeans", () => {
  const { X, labels } = blobs(CENTRES, 40, 1, 7);

  it("recovers well-separated blobs exactly (ARI 1) with centres at the blob means", () => {
    const fit = fitKMeans(X, { nClusters: 5, nInit: 3, seed: 0 });
    expect(adjustedRandIndex(labels, fit.labels)).toBe(1);
    for (let c = 0; c < 5; c++) {
      const members = [...fit.labels.keys()].filter((i) => fit.labels[i] === c);
      expect(members).toHaveLength(40);
      for (let f = 0; f < 3; f++) {
        const mean = members.reduce((s, i) => s + (X.data[i * 3 + f] as number), 0) / members.length;
        expect(fit.centres.data[c * 3 + f]).toBeCloseTo(mean, 10);
      }
    }
    let inertia = 0;
    for (let i = 0; i < X.rows; i++) {
      const c = fit.labels[i] as number;
      for (let f = 0; f < 3; f++)
        inertia += ((X.data[i * 3 + f] as number) - (fit.centres.data[c * 3 + f] as number)) ** 2;
    }
    expect(fit.inertia).toBeCloseTo(inertia, 8);
    expect(kmeansPredict(fit, X)).toEqual(fit.labels);
  });

  it("is deterministic for a seed, and keeps the start of lowest inertia", () => {
    const a = fitKMeans(X, { nClusters: 4, nInit: 5, seed: 11 });
    const b = fitKMeans(X, { nClusters: 4, nInit: 5, seed: 11 });
    expect(b.labels).toEqual(a.labels);
    expect(b.centres.data).toEqual(a.centres.data);
    expect(a.inertias).toHaveLength(5);
    expect(a.inertia).toBe(Math.min(...a.inertias));
  });

  it("gives every cluster members when there are exactly as many distinct points", () => {
    // Ten identical points and two others, three clusters: k-means++ never picks a duplicate (its weight is 0).
    const data = Float64Array.from([...Array(10).fill(0), 100, 50]);
    const fit = fitKMeans({ data, rows: 12, cols: 1 }, { nClusters: 3, seed: 1 });
    expect(new Set(fit.labels).size).toBe(3);
  });
});

describe("kmeansPlusPlus", () => {
  it("picks distinct rows, one per blob on well-separated data", () => {
    const { X, labels } = blobs(CENTRES, 30, 0.5, 3);
    const { indices } = kmeansPlusPlus(X.data, X.rows, X.cols, 5, new Random(5));
    expect(new Set(Array.from(indices, (i) => labels[i])).size).toBe(5);
  });
});
