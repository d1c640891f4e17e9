/**
 * The compact form of a fitted boosted model (`FlatBoostedModel`), shared by the encoder (build time) and the
 * decoder (browser): typed arrays as little-endian bytes in base64. Free of Node APIs.
 *
 * - Trees one after another (tree t adds to class t mod K), `nodes[t]` nodes each, node order as grown.
 * - `feature`: one byte per node, the split feature, or {@link LEAF} for a leaf.
 * - `threshold`, `left`, `right`: one byte per internal node (in node order): an index into
 *   `thresholds[feature]` (the feature's distinct split thresholds, exact doubles: at most 255 with 255 bins), and
 *   the children's indices within the tree (a tree of at most 256 nodes: 128 leaves).
 * - `value`: one little-endian number per leaf (in node order), the raw score it adds: a float64 (`valueType`
 *   "float64", exact, so the decoded model is the trained one) or a float32 ("float32": the leaf scores are most of
 *   the bytes, and float32 halves them; its probabilities differ from the trained model's by about 1e-7, so an
 *   export in float32 reports the accuracy of the decoded model, not the trained one's).
 */
import { fromBase64 } from "../tree/forest-codec.ts";
import type { FlatBoostedModel } from "./boosted-model.ts";

/** The `feature` byte of a leaf. */
export const LEAF = 255;
/** Most nodes a tree may have to be encoded (children are one byte). */
export const MAX_TREE_NODES = 256;
/** How leaf scores are stored: exact doubles, or rounded to single precision. */
export type LeafValueType = "float64" | "float32";
/** Bytes per leaf score, by how it is stored. */
export const LEAF_VALUE_BYTES: Record<LeafValueType, number> = { float64: 8, float32: 4 };

export interface EncodedBoosted {
  nFeatures: number;
  nClasses: number;
  baseline: number[];
  /** Nodes per tree, in tree order. */
  nodes: number[];
  feature: string;
  threshold: string;
  thresholds: number[][];
  left: string;
  right: string;
  valueType: LeafValueType;
  value: string;
}

/** Decodes the compact form back into the flat arrays `BoostedModel` predicts with; throws on inconsistent input. */
export function decodeBoosted(encoded: EncodedBoosted): FlatBoostedModel {
  const { nFeatures, nClasses, nodes } = encoded;
  if (!(Number.isInteger(nFeatures) && nFeatures >= 1 && nFeatures < LEAF))
    throw new Error(`compact boosted model: bad feature count ${nFeatures}`);
  if (!(Number.isInteger(nClasses) && nClasses >= 2))
    throw new Error(`compact boosted model: bad class count ${nClasses}`);
  if (encoded.baseline.length !== nClasses)
    throw new Error(
      `compact boosted model: ${encoded.baseline.length} baseline scores for ${nClasses} classes`,
    );
  if (encoded.thresholds.length !== nFeatures)
    throw new Error(
      `compact boosted model: ${encoded.thresholds.length} threshold tables for ${nFeatures} features`,
    );
  const codes = fromBase64(encoded.feature, "feature");
  const total = nodes.reduce((s, n) => s + n, 0);
  if (codes.length !== total)
    throw new Error(`compact boosted model: ${codes.length} feature codes for ${total} nodes`);
  const thresholdIndex = fromBase64(encoded.threshold, "threshold");
  const leftIndex = fromBase64(encoded.left, "left");
  const rightIndex = fromBase64(encoded.right, "right");
  const valueBytes = fromBase64(encoded.value, "value");
  const width = LEAF_VALUE_BYTES[encoded.valueType];
  if (width === undefined)
    throw new Error(`compact boosted model: unknown leaf value type ${encoded.valueType}`);
  let internal = 0;
  for (const code of codes) if (code !== LEAF) internal++;
  const leaves = total - internal;
  if (thresholdIndex.length !== internal || leftIndex.length !== internal || rightIndex.length !== internal)
    throw new Error(
      `compact boosted model: split arrays do not have one entry per internal node (${internal})`,
    );
  if (valueBytes.length !== leaves * width)
    throw new Error(
      `compact boosted model: ${valueBytes.length} value bytes for ${leaves} ${encoded.valueType} leaves`,
    );
  const values = new DataView(valueBytes.buffer, valueBytes.byteOffset, valueBytes.byteLength);

  const treeStart = new Int32Array(nodes.length + 1);
  for (let t = 0; t < nodes.length; t++) treeStart[t + 1] = (treeStart[t] as number) + (nodes[t] as number);
  const feature = new Int32Array(total);
  const threshold = new Float64Array(total);
  const left = new Int32Array(total);
  const right = new Int32Array(total);
  const value = new Float64Array(total);
  let split = 0;
  let leaf = 0;
  for (let j = 0; j < total; j++) {
    const code = codes[j] as number;
    if (code === LEAF) {
      feature[j] = -1;
      value[j] = width === 8 ? values.getFloat64(8 * leaf++, true) : values.getFloat32(4 * leaf++, true);
      continue;
    }
    if (code >= nFeatures)
      throw new Error(`compact boosted model: node ${j} splits on feature ${code} of ${nFeatures}`);
    const table = encoded.thresholds[code] as number[];
    const at = thresholdIndex[split] as number;
    if (at >= table.length)
      throw new Error(`compact boosted model: node ${j} names threshold ${at} of ${table.length}`);
    feature[j] = code;
    threshold[j] = table[at] as number;
    left[j] = leftIndex[split] as number;
    right[j] = rightIndex[split] as number;
    split++;
  }
  return {
    nFeatures,
    nClasses,
    baseline: Float64Array.from(encoded.baseline),
    treeStart,
    feature,
    threshold,
    left,
    right,
    value,
  };
}
