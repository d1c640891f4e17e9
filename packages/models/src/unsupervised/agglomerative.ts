import type { Matrix } from "../matrix.ts";
import { cutTree } from "./hierarchy-cut.ts";
import { type Linkage, wardLinkage } from "./ward-linkage.ts";

export interface AgglomerativeFit {
  /** Cluster of each row (`labels_`), numbered as sklearn numbers them. */
  labels: Int32Array;
  /** The full dendrogram (`children_`, `distances_`). */
  linkage: Linkage;
}

/**
 * sklearn `AgglomerativeClustering(n_clusters, metric="euclidean", linkage="ward").fit(X)`: the full Ward tree
 * (see {@link wardLinkage}: nearest-neighbour chain on centroids, O(n) memory) cut into `nClusters` clusters.
 */
export function fitAgglomerativeWard(X: Matrix, nClusters: number): AgglomerativeFit {
  const linkage = wardLinkage(X);
  return { labels: cutTree(linkage, nClusters), linkage };
}
