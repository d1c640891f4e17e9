import { z } from "zod";
import { classificationMetrics, protocolInfo } from "./schemas.ts";

const finite = z.number().finite();
const count = z.number().int().nonnegative();
const rate = z.number().min(0).max(1);
/** Adjusted Rand index: 1 for identical partitions, about 0 for chance, as low as −0.5. */
const ari = z.number().min(-1).max(1);
/** Silhouette coefficient, in [−1, 1]. */
const silhouette = z.number().min(-1).max(1);
const note = z.object({ id: z.string(), description: z.string() });

export const clusteringMethodIds = ["kmeans", "ward", "gmm", "gmm-pca", "gmm-pca-2"] as const;

const clusteringMethod = z.object({
  id: z.enum(clusteringMethodIds),
  label: z.string(),
  description: z.string(),
  /** What it clustered: the standard-scaled features, or the first principal components of them. */
  space: z.enum(["scaled-features", "principal-components"]),
  /** Rows it was fitted on. */
  fitRows: count,
  nClusters: count,
  /** Where sizes, ARI and silhouette were measured: the 30 % clustering sample or every training row. */
  evaluatedOn: z.enum(["clustering-sample", "training-rows"]),
  /** Rows per cluster on `evaluatedOn`, in label order. */
  sizes: z.array(count),
  /** ARI against the 10 super-genres on `evaluatedOn`. */
  ariSuperGenre: ari,
  /** ARI against the super-genres of the test rows (the seed's protocol for its 10-component GMM). */
  ariSuperGenreTest: ari.optional(),
  /** ARI against pop vs every other super-genre (the seed's two-component attempt). */
  ariPopVsRest: ari.optional(),
  /**
   * ARI against the track's key and its mode on `evaluatedOn`: the features carry key, mode and time signature
   * one-hot (and again as integers), so clusters may follow them rather than the sound.
   */
  ariKey: ari,
  ariMode: ari,
  /** Mean silhouette on the seeded silhouette subsample of `evaluatedOn`, in the space it clustered. */
  silhouette,
  /** The same on a seeded subsample of the test rows (GMM, as the seed scored it). */
  silhouetteTest: silhouette.optional(),
  /** Fit diagnostics: inertia and iterations (k-means), EM iterations and log-likelihood (GMM), … */
  details: z.record(z.string(), z.union([finite, z.boolean(), z.string()])),
});

export const pcaClusteringResult = z.object({
  protocol: protocolInfo,
  /** Design-matrix columns, in order (one-hot key, mode, time signature, then the 15 numeric columns). */
  features: z.array(z.string()),
  preprocessing: z.string(),
  pca: z.object({
    /** Every component's variance (n − 1 denominator), largest first: the scree. */
    explainedVariance: z.array(finite),
    explainedVarianceRatio: z.array(rate),
    cumulativeVarianceRatio: z.array(rate),
    /** The first principal axes (`components_`), each one weight per feature in `features` order. */
    components: z.array(z.array(finite)),
    signConvention: z.string(),
  }),
  /** The first two components of a seeded stratified sample of training rows, for a scatter plot. */
  scatter: z.object({
    method: z.literal("stratified-sample"),
    seed: z.number().int(),
    rows: count,
    /** Training rows it was drawn from. */
    of: count,
    /** Coordinates are rounded to this many decimals. */
    decimals: count,
    classes: z.array(z.string()),
    pc1: z.array(finite),
    pc2: z.array(finite),
    /** Super-genre of each point, an index into `classes`. */
    superGenre: z.array(count),
    /** The 10-component GMM-on-PCs cluster of each point (the seed's coloured scatter). */
    gmmCluster: z.array(count),
  }),
  logisticOnComponents: z.object({
    components: count,
    hyperparameters: z.record(z.string(), z.union([finite, z.string()])),
    iterations: count,
    converged: z.boolean(),
    trainAccuracy: rate,
    test: classificationMetrics,
  }),
  clustering: z.object({
    nClusters: count,
    sample: z.object({ fraction: rate, rows: count, seed: z.number().int(), description: z.string() }),
    silhouetteSample: z.object({
      rows: count,
      testRows: count,
      seed: z.number().int(),
      description: z.string(),
    }),
    methods: z.array(clusteringMethod),
    /** ARI between every two methods' labels on the clustering sample. */
    pairwiseAri: z.array(z.object({ a: z.enum(clusteringMethodIds), b: z.enum(clusteringMethodIds), ari })),
    /** Our numbers recomputed the seed's (mistaken) way, so they can be set next to what it printed. */
    seedStyle: z.array(z.object({ id: z.string(), value: finite, description: z.string() })),
  }),
  /** What the seed notebook printed, with notes on what each number really was. */
  seedPrinted: z.object({
    explainedVarianceRatio: z.array(rate),
    cumulativeVarianceRatio: z.array(rate),
    logisticOnComponentsAccuracy: rate,
    gmmPcaSilhouette: silhouette,
    gmmPca2Silhouette: silhouette,
    wardVsKmeansAri: ari,
    wardAri: ari,
    /** Printed as "KMeans clustering vs true labels ARI" but it is the GMM's (the variable was overwritten). */
    kmeansAriPrinted: ari,
    gmmAri: ari,
    wardSilhouette: silhouette,
    kmeansSilhouette: silhouette,
    gmmSilhouette: silhouette,
    wardSizes: z.array(count),
    notes: z.array(note),
  }),
  /** Where this reproduction departs from the seed's protocol. */
  differences: z.array(note),
});
export type PcaClusteringResult = z.infer<typeof pcaClusteringResult>;
