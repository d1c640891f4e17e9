import { modelResult } from "../data/models.ts";
import { decColumn, textColumn } from "../figures/columns.ts";
import type { DataTable } from "../figures/types.ts";
import { SEED_PCA_PROSE } from "../seed/notebook.ts";
import { feature } from "../site/features.ts";
import { dec } from "../site/format.ts";
import { evaluation } from "./models.ts";

/** Derived facts for the chapter "PCA and clustering", all computed from pca-clustering.json. */

type PcaClusteringResult = ReturnType<typeof modelResult<"pca-clustering">>;
export type ClusteringMethod = PcaClusteringResult["clustering"]["methods"][number];
export type MethodId = ClusteringMethod["id"];

/** How the chapter names each clustering method (short, for figure labels); counts come from the result. */
export function methodName(id: MethodId): string {
  const r = modelResult("pca-clustering");
  const pcs = `${r.logisticOnComponents.components} PCs`;
  const clusters = r.clustering.methods.find((m) => m.id === id)?.nClusters ?? 0;
  const names: Record<MethodId, string> = {
    kmeans: "k-means",
    ward: "Ward",
    gmm: "Gaussian mixture",
    "gmm-pca": `Gaussian mixture on ${pcs}`,
    "gmm-pca-2": `${clusters}-cloud mixture on ${pcs}`,
  };
  return names[id];
}

/** A design-matrix column as the reader sees it: one-hot columns ("key_7", "mode_1") keep their encoded names. */
export function columnLabel(column: string): string {
  return /_\d+$/.test(column) ? column : feature(column).label;
}

export interface Loading {
  feature: string;
  label: string;
  weight: number;
}

/** Component `c`'s weights, one per design-matrix column, sorted by absolute size. */
export function loadings(c: number): Loading[] {
  const r = modelResult("pca-clustering");
  const weights = r.pca.components[c];
  if (!weights) throw new Error(`pca-clustering.json holds no component ${c + 1}.`);
  return r.features
    .map((column, i) => ({ feature: column, label: columnLabel(column), weight: weights[i] ?? 0 }))
    .sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight));
}

/** The first component count at which the cumulative explained variance reaches `share`. */
function componentsFor(cumulative: readonly number[], share: number): number {
  const index = cumulative.findIndex((c) => c >= share - 1e-12);
  return index === -1 ? cumulative.length : index + 1;
}

function method(id: MethodId): ClusteringMethod {
  const found = modelResult("pca-clustering").clustering.methods.find((m) => m.id === id);
  if (!found) throw new Error(`pca-clustering.json records no clustering method "${id}".`);
  return found;
}

function note(notes: readonly { id: string; description: string }[], id: string): string {
  const found = notes.find((n) => n.id === id);
  if (!found) throw new Error(`pca-clustering.json records no note "${id}".`);
  return found.description;
}

/** Per super-genre: points in the scatter sample and their mean position on the first two components. */
export function scatterCentroids() {
  const s = modelResult("pca-clustering").scatter;
  return s.classes.map((label, k) => {
    let n = 0;
    let x = 0;
    let y = 0;
    s.superGenre.forEach((c, i) => {
      if (c !== k) return;
      n++;
      x += s.pc1[i] ?? 0;
      y += s.pc2[i] ?? 0;
    });
    return { superGenre: label, points: n, pc1: n ? x / n : 0, pc2: n ? y / n : 0 };
  });
}

export function pcaFacts() {
  const r = modelResult("pca-clustering");
  const { pca, scatter, logisticOnComponents: lc, clustering, seedPrinted } = r;
  const ratio = pca.explainedVarianceRatio;
  const cumulative = pca.cumulativeVarianceRatio;
  const kept = lc.components;
  const allFeatures = evaluation("logistic-regression", "seed-random", "super-genre");
  const byId = Object.fromEntries(clustering.methods.map((m) => [m.id, m])) as Record<
    MethodId,
    ClusteringMethod
  >;
  const pair = (a: MethodId, b: MethodId) =>
    clustering.pairwiseAri.find((p) => (p.a === a && p.b === b) || (p.a === b && p.b === a))?.ari ??
    Number.NaN;
  const seedStyle = (id: string) => {
    const found = clustering.seedStyle.find((s) => s.id === id);
    if (!found) throw new Error(`pca-clustering.json records no seed-style value "${id}".`);
    return found.value;
  };
  const genreMethods = clustering.methods.filter((m) => m.id !== "gmm-pca-2");
  const aris = genreMethods.map((m) => m.ariSuperGenre);
  const silhouettes = clustering.methods.map((m) => m.silhouette);
  const pairwise = clustering.pairwiseAri.map((p) => p.ari);
  const largestShare = (m: ClusteringMethod) => Math.max(...m.sizes) / m.sizes.reduce((a, b) => a + b, 0);
  const ward = method("ward");
  const kmeans = method("kmeans");
  return {
    r,
    features: r.features.length,
    components: ratio.length,
    kept,
    /** Components whose variance exceeds one standardised feature's (the Kaiser rule of thumb). */
    aboveOne: pca.explainedVariance.filter((v) => v > 1).length,
    first: ratio[0] ?? 0,
    second: ratio[1] ?? 0,
    firstTwo: cumulative[1] ?? 0,
    keptShare: cumulative[kept - 1] ?? 0,
    forHalf: componentsFor(cumulative, 0.5),
    for80: componentsFor(cumulative, 0.8),
    for90: componentsFor(cumulative, 0.9),
    /** Share of one feature's worth of variance: what each component would explain if there were no structure. */
    evenShare: 1 / r.features.length,
    /** Largest absolute difference between our first ten ratios and the seed's printed ones. */
    seedRatioGap: Math.max(
      ...seedPrinted.explainedVarianceRatio.map((v, i) => Math.abs(v - (ratio[i] ?? Number.NaN))),
    ),
    seedFirstTwo: seedPrinted.cumulativeVarianceRatio[1] ?? 0,
    seedThree: seedPrinted.cumulativeVarianceRatio[2] ?? 0,
    seedFour: seedPrinted.cumulativeVarianceRatio[3] ?? 0,
    pc1: loadings(0),
    pc2: loadings(1),
    /** The three most positive and three most negative loadings of the first two components. */
    poles: [0, 1].map((c) => {
      const sorted = [...loadings(c)].sort((a, b) => b.weight - a.weight);
      return { high: sorted.slice(0, 3), low: sorted.slice(-3).reverse() };
    }),
    seedProse: SEED_PCA_PROSE,
    /** Components with no variance at all: directions the duplicated key, mode and time-signature columns remove. */
    zeroComponents: pca.explainedVariance.filter((v) => v < 1e-9).length,
    /** The columns that encode mode (the two one-hot columns and the integer column passed through again). */
    modeColumns: r.features.filter((c) => c === "mode" || /^mode_\d+$/.test(c)).length,
    /** Share of component 2's squared loadings (which sum to 1) on the mode columns. */
    modeShare: r.features.reduce(
      (sum, c, i) => (c === "mode" || /^mode_\d+$/.test(c) ? sum + (pca.components[1]?.[i] ?? 0) ** 2 : sum),
      0,
    ),
    scatter,
    centroids: scatterCentroids(),
    /** The super-genres whose scatter-sample mean lies furthest towards each end of component 1. */
    pc1Ends: (() => {
      const sorted = [...scatterCentroids()].sort((a, b) => a.pc1 - b.pc1);
      return { low: sorted[0], high: sorted.at(-1) };
    })(),
    /** The largest and smallest super-genre in the (stratified) scatter sample, with their shares. */
    superGenreExtremes: (() => {
      const sorted = [...scatterCentroids()].sort((a, b) => b.points - a.points);
      const share = (c: (typeof sorted)[number] | undefined) => ({
        label: c?.superGenre ?? "",
        share: (c?.points ?? 0) / scatter.rows,
      });
      return { largest: share(sorted[0]), smallest: share(sorted.at(-1)) };
    })(),
    logistic: lc,
    logisticAll: allFeatures.test.accuracy,
    logisticAllFeatures: modelResult("logistic-regression").features.length,
    seedLogistic: seedPrinted.logisticOnComponentsAccuracy,
    clustering,
    sample: clustering.sample,
    silhouetteSample: clustering.silhouetteSample,
    kmeans,
    ward,
    gmm: method("gmm"),
    gmmPca: method("gmm-pca"),
    gmmPca2: method("gmm-pca-2"),
    byId,
    pair,
    wardVsKmeans: pair("ward", "kmeans"),
    /** The 10-cluster methods on the scaled features against the tracks' key: what their structure follows. */
    keyAriMin: Math.min(kmeans.ariKey, ward.ariKey, method("gmm").ariKey),
    keyAriMax: Math.max(kmeans.ariKey, ward.ariKey, method("gmm").ariKey),
    maxAri: Math.max(...aris),
    minAri: Math.min(...aris),
    maxSilhouette: Math.max(...silhouettes),
    minSilhouette: Math.min(...silhouettes),
    maxPairwise: Math.max(...pairwise),
    minPairwise: Math.min(...pairwise),
    largestShare,
    wardLargest: largestShare(ward),
    wardSmallest: Math.min(...ward.sizes),
    kmeansLargest: largestShare(kmeans),
    seed: seedPrinted,
    seedWardSmallest: Math.min(...seedPrinted.wardSizes),
    seedWardLargest: Math.max(...seedPrinted.wardSizes),
    seedStyleWard: seedStyle("ward-silhouette-with-label-columns"),
    seedStyleKmeans: seedStyle("kmeans-silhouette-with-label-columns"),
    seedStyleGmm2: seedStyle("gmm-pca-2-silhouette-on-labels"),
    notes: {
      kmeansAri: note(seedPrinted.notes, "kmeans-ari-overwritten"),
      labelColumns: note(seedPrinted.notes, "silhouette-with-label-columns"),
      twoComponent: note(seedPrinted.notes, "two-component-silhouette-on-labels"),
      testRows: note(seedPrinted.notes, "gmm-on-test-rows"),
      proseSilhouettes: note(seedPrinted.notes, "prose-silhouettes"),
      proseScree: note(seedPrinted.notes, "prose-scree"),
      unseeded: note(seedPrinted.notes, "unseeded-gmms"),
    },
    differences: r.differences,
  };
}

/** The seed's printed clustering numbers next to this rebuild's, measured properly and (where it erred) its way. */
export function seedClusteringTable(): DataTable {
  const f = pcaFacts();
  const rows = [
    {
      measure: "ARI, Ward vs k-means (clustering sample)",
      here: f.wardVsKmeans,
      seedWay: null,
      seed: dec(f.seed.wardVsKmeansAri, 4),
    },
    {
      measure: "ARI, Ward vs super-genres (clustering sample)",
      here: f.ward.ariSuperGenre,
      seedWay: null,
      seed: dec(f.seed.wardAri, 4),
    },
    {
      measure: "ARI, k-means vs super-genres (clustering sample)",
      here: f.kmeans.ariSuperGenre,
      seedWay: null,
      seed: `not shown (the line printed the mixture's ${dec(f.seed.kmeansAriPrinted, 4)})`,
    },
    {
      measure: "ARI, Gaussian mixture vs super-genres (test tracks)",
      here: f.gmm.ariSuperGenreTest ?? null,
      seedWay: null,
      seed: dec(f.seed.gmmAri, 4),
    },
    {
      measure: "silhouette, Ward",
      here: f.ward.silhouette,
      seedWay: f.seedStyleWard,
      seed: dec(f.seed.wardSilhouette, 4),
    },
    {
      measure: "silhouette, k-means",
      here: f.kmeans.silhouette,
      seedWay: f.seedStyleKmeans,
      seed: dec(f.seed.kmeansSilhouette, 4),
    },
    {
      measure: "silhouette, Gaussian mixture (test tracks)",
      here: f.gmm.silhouetteTest ?? null,
      seedWay: null,
      seed: dec(f.seed.gmmSilhouette, 4),
    },
    {
      measure: `silhouette, ${methodName("gmm-pca")}`,
      here: f.gmmPca.silhouette,
      seedWay: null,
      seed: dec(f.seed.gmmPcaSilhouette, 4),
    },
    {
      measure: `silhouette, ${methodName("gmm-pca-2")}`,
      here: f.gmmPca2.silhouette,
      seedWay: f.seedStyleGmm2,
      seed: dec(f.seed.gmmPca2Silhouette, 4),
    },
  ];
  return {
    columns: [
      textColumn("measure", "measure"),
      decColumn("here", "this rebuild", 4),
      decColumn("seedWay", "this rebuild, computed the seed's way", 4),
      textColumn("seed", "the seed printed"),
    ],
    rows,
  };
}
