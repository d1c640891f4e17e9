import { Buffer } from "node:buffer";
import { type CountBytes, type EncodedForest, LEAF, packUnsigned } from "./forest-codec.ts";
import type { ForestModel } from "./forest-model.ts";
import type { TreeArrays } from "./tree-model.ts";

/** Largest leaf weight searched for when recovering a leaf's integer class counts. */
const MAX_LEAF_TOTAL = 1 << 24;

const base64 = (bytes: Uint8Array) =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString("base64");

/**
 * Encodes the first `trees` trees of a fitted forest in the compact form of `forest-codec.ts`. Throws when a
 * tree is not in preorder with left child i + 1, has more features than a byte can name, or a leaf whose
 * distribution is not a ratio of integer counts (a forest grown with non-integer sample weights).
 */
export function encodeForest(model: ForestModel, trees = model.trees.length): EncodedForest {
  if (!Number.isInteger(trees) || trees < 1 || trees > model.trees.length) {
    throw new RangeError(`trees must be 1..${model.trees.length}, got ${trees}`);
  }
  const { nFeatures, nClasses } = model;
  if (nFeatures >= LEAF) throw new RangeError(`${nFeatures} features do not fit the one-byte feature code`);
  if (nClasses > 255) throw new RangeError(`${nClasses} classes do not fit the one-byte class code`);
  const kept = model.trees.slice(0, trees).map((t) => t.arrays);
  const thresholds = featureThresholds(kept, nFeatures);

  const nodes = kept.map((a) => a.feature.length);
  const totalNodes = nodes.reduce((s, n) => s + n, 0);
  const feature = new Uint8Array(totalNodes);
  const threshold: number[] = [];
  const leafSize: number[] = [];
  const entries = new LeafEntries();
  let at = 0;
  for (const a of kept) {
    checkPreorder(a);
    let leaf = 0;
    for (let i = 0; i < a.feature.length; i++, at++) {
      if ((a.left[i] as number) === -1) {
        feature[at] = LEAF;
        leafSize.push(writeLeafCounts(a.value, leaf++ * nClasses, nClasses, entries, MAX_LEAF_TOTAL));
      } else {
        const f = a.feature[i] as number;
        feature[at] = f;
        threshold.push(indexOf(thresholds[f] as Float64Array, a.threshold[i] as number));
      }
    }
  }
  const counts = entries.counts.subarray(0, entries.length);
  const maxCount = counts.reduce((m, c) => Math.max(m, c), 0);
  const countBytes: CountBytes = maxCount < 256 ? 1 : maxCount < 65536 ? 2 : 4;
  return {
    nFeatures,
    nClasses,
    nodes,
    feature: base64(feature),
    threshold: base64(packUnsigned(threshold, 2)),
    thresholds: thresholds.map((values) => Array.from(values)),
    leafSize: base64(Uint8Array.from(leafSize)),
    leafClass: base64(entries.classes.subarray(0, entries.length)),
    countBytes,
    leafCount: base64(packUnsigned(counts, countBytes)),
  };
}

/** Each feature's distinct split thresholds over the trees, ascending. */
function featureThresholds(trees: readonly TreeArrays[], nFeatures: number): Float64Array[] {
  const all = Array.from({ length: nFeatures }, () => [] as number[]);
  for (const a of trees) {
    for (let i = 0; i < a.feature.length; i++) {
      if ((a.left[i] as number) !== -1) all[a.feature[i] as number]?.push(a.threshold[i] as number);
    }
  }
  return all.map((values, f) => {
    const sorted = Float64Array.from(values).sort();
    let unique = 0;
    for (let i = 0; i < sorted.length; i++) {
      if (i === 0 || sorted[i] !== sorted[unique - 1]) sorted[unique++] = sorted[i] as number;
    }
    if (unique > 65536) throw new RangeError(`feature ${f} has ${unique} thresholds, over 2^16`);
    return sorted.slice(0, unique);
  });
}

/** The index of `value` in the ascending `sorted` (binary search; the value is known to be there). */
function indexOf(sorted: Float64Array, value: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) < value) lo = mid + 1;
    else hi = mid;
  }
  if (sorted[lo] !== value) throw new Error(`threshold ${value} missing from its feature's table`);
  return lo;
}

/** Leaf entries (class, count) in growing typed arrays. */
class LeafEntries {
  classes = new Uint8Array(1024);
  counts = new Uint32Array(1024);
  length = 0;

  push(c: number, count: number): void {
    if (this.length === this.classes.length) {
      const classes = new Uint8Array(2 * this.length);
      const counts = new Uint32Array(2 * this.length);
      classes.set(this.classes);
      counts.set(this.counts);
      this.classes = classes;
      this.counts = counts;
    }
    this.classes[this.length] = c;
    this.counts[this.length++] = count;
  }
}
/** Throws unless every internal node's left child is the next node and its right child follows the left subtree. */
function checkPreorder(a: TreeArrays): void {
  const n = a.left.length;
  const end = new Int32Array(n); // one past the last node of each subtree
  for (let i = n - 1; i >= 0; i--) {
    const l = a.left[i] as number;
    if (l === -1) {
      end[i] = i + 1;
      continue;
    }
    if (l !== i + 1 || a.right[i] !== end[l]) {
      throw new Error(`tree node ${i} is not in preorder (children ${l}, ${a.right[i]})`);
    }
    end[i] = end[a.right[i] as number] as number;
  }
  if (end[0] !== n) throw new Error(`the tree's root spans ${end[0]} of its ${n} nodes`);
}

/**
 * The leaf's distribution value[offset .. offset + k) as integer counts: the smallest total T for which
 * count_c = round(value_c · T) gives back value_c = count_c / T exactly for every class, with Σ count_c = T.
 * Returns flat (class, count) pairs for the non-zero classes.
 */
export function leafCounts(
  value: Float64Array,
  offset: number,
  k: number,
  maxTotal = MAX_LEAF_TOTAL,
): number[] {
  const entries = new LeafEntries();
  writeLeafCounts(value, offset, k, entries, maxTotal);
  return Array.from({ length: 2 * entries.length }, (_, i) =>
    i % 2 === 0 ? (entries.classes[i / 2] as number) : (entries.counts[(i - 1) / 2] as number),
  );
}

/** {@link leafCounts} appended to `entries`; returns the number of entries (non-zero classes). */
function writeLeafCounts(
  value: Float64Array,
  offset: number,
  k: number,
  entries: LeafEntries,
  maxTotal: number,
): number {
  // The smallest share bounds the search: its count is at least 1, so T ≥ 1 / min share.
  let nonZero = 0;
  let start = 1;
  for (let c = 0; c < k; c++) {
    const v = value[offset + c] as number;
    if (v === 0) continue;
    nonZero++;
    start = Math.max(start, Math.floor(1 / v) - 1);
  }
  if (nonZero === 0) throw new Error("a leaf has an all-zero class distribution");
  for (let total = start; total <= maxTotal; total++) {
    let sum = 0;
    let c = 0;
    for (; c < k; c++) {
      const v = value[offset + c] as number;
      if (v === 0) continue;
      const count = Math.round(v * total);
      if (count < 1 || count / total !== v) break;
      sum += count;
    }
    if (c < k || sum !== total) continue;
    for (let c = 0; c < k; c++) {
      const v = value[offset + c] as number;
      if (v !== 0) entries.push(c, Math.round(v * total));
    }
    return nonZero;
  }
  throw new Error(`a leaf distribution is not a ratio of integer counts up to ${maxTotal}`);
}
