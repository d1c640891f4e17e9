// Loads and runs a forest saved in the compact form of forest-codec.ts. No Node APIs: the browser imports it.
import { type EncodedForest, fromBase64, LEAF, unpackUnsigned } from "./forest-codec.ts";

/**
 * A decoded forest, ready to predict. Nodes of all trees share the arrays; `roots[t]` is tree t's first node.
 * Memory is a few bytes per node: the leaf distributions stay as sparse integer counts.
 */
export class CompactForest {
  readonly nFeatures: number;
  readonly nClasses: number;
  readonly roots: Int32Array;
  /** Per node: split feature, or LEAF. */
  readonly feature: Uint8Array;
  /** Per node: the split threshold (internal nodes) — 0 for leaves. */
  readonly threshold: Float64Array;
  /** Per node: the right child (internal nodes; the left child is the next node) or, for a leaf, its first entry. */
  readonly next: Int32Array;
  /** Per node: for a leaf, one past its last entry. */
  readonly entryEnd: Int32Array;
  readonly leafClass: Uint8Array;
  readonly leafCount: Uint32Array;
  /** Per node: for a leaf, the sum of its counts (the denominator of its probabilities). */
  readonly leafTotal: Float64Array;

  private constructor(encoded: EncodedForest) {
    const { nFeatures, nClasses, nodes } = encoded;
    if (!(Number.isInteger(nFeatures) && nFeatures >= 1 && nFeatures < LEAF)) {
      throw new Error(`compact forest: bad feature count ${nFeatures}`);
    }
    if (!(Number.isInteger(nClasses) && nClasses >= 1 && nClasses <= 256)) {
      throw new Error(`compact forest: bad class count ${nClasses}`);
    }
    if (nodes.length === 0) throw new Error("compact forest: no trees");
    this.nFeatures = nFeatures;
    this.nClasses = nClasses;
    const feature = fromBase64(encoded.feature, "feature");
    const total = nodes.reduce((s, n) => s + n, 0);
    if (feature.length !== total) {
      throw new Error(`compact forest: ${feature.length} feature codes for ${total} nodes`);
    }
    const thresholdIndex = unpackUnsigned(fromBase64(encoded.threshold, "threshold"), 2, "threshold");
    const leafSize = fromBase64(encoded.leafSize, "leafSize");
    const leafClass = fromBase64(encoded.leafClass, "leafClass");
    const leafCount = unpackUnsigned(
      fromBase64(encoded.leafCount, "leafCount"),
      encoded.countBytes,
      "leafCount",
    );
    if (leafClass.length !== leafCount.length) {
      throw new Error(`compact forest: ${leafClass.length} leaf classes but ${leafCount.length} counts`);
    }
    if (encoded.thresholds.length !== nFeatures) {
      throw new Error(
        `compact forest: ${encoded.thresholds.length} threshold tables for ${nFeatures} features`,
      );
    }

    this.feature = feature;
    this.threshold = new Float64Array(total);
    this.next = new Int32Array(total);
    this.entryEnd = new Int32Array(total);
    this.leafTotal = new Float64Array(total);
    this.leafClass = leafClass;
    this.leafCount = leafCount;
    this.roots = new Int32Array(nodes.length);
    let internal = 0;
    let leaf = 0;
    let entry = 0;
    let root = 0;
    for (const [t, n] of nodes.entries()) {
      if (!(Number.isInteger(n) && n >= 1)) throw new Error(`compact forest: tree ${t} has ${n} nodes`);
      this.roots[t] = root;
      // Forward pass: thresholds and leaf entries, in node order.
      for (let i = root; i < root + n; i++) {
        const f = feature[i] as number;
        if (f === LEAF) {
          const size = leafSize[leaf++];
          if (size === undefined || size < 1)
            throw new Error(`compact forest: leaf ${leaf - 1} has no classes`);
          this.next[i] = entry;
          let sum = 0;
          for (let e = entry; e < entry + size; e++) {
            const c = leafClass[e];
            const count = leafCount[e];
            if (c === undefined || count === undefined || c >= nClasses || count < 1) {
              throw new Error(`compact forest: bad entry ${e} of leaf ${leaf - 1}`);
            }
            sum += count;
          }
          entry += size;
          this.entryEnd[i] = entry;
          this.leafTotal[i] = sum;
        } else {
          const table = encoded.thresholds[f];
          const index = thresholdIndex[internal++];
          if (!table || index === undefined || index >= table.length) {
            throw new Error(`compact forest: node ${i} has a bad feature ${f} or threshold index ${index}`);
          }
          this.threshold[i] = table[index] as number;
        }
      }
      // Backward pass: each subtree's end gives the right child (preorder: left child = i + 1).
      const end = new Int32Array(n + 1);
      for (let j = n - 1; j >= 0; j--) {
        const i = root + j;
        if (feature[i] === LEAF) {
          end[j] = j + 1;
          continue;
        }
        const right = end[j + 1] as number;
        if (j + 1 >= n || right >= n) throw new Error(`compact forest: tree ${t} is not a valid preorder`);
        this.next[i] = root + right;
        end[j] = end[right] as number;
      }
      if (end[0] !== n) throw new Error(`compact forest: tree ${t}'s nodes do not form one tree`);
      root += n;
    }
    if (internal !== thresholdIndex.length || leaf !== leafSize.length || entry !== leafClass.length) {
      throw new Error("compact forest: arrays longer than the trees they describe");
    }
  }

  /** Decodes an encoded forest (see `forest-codec.ts`), checking every array against the tree structure. */
  static decode(encoded: EncodedForest): CompactForest {
    return new CompactForest(encoded);
  }

  get nTrees(): number {
    return this.roots.length;
  }

  /**
   * Class probabilities of `rows` rows of `x` (row-major, `nFeatures` per row): the mean over trees of the
   * leaf distributions, summed in tree order then divided by the number of trees — the same operations, so
   * the same doubles, as the trained forest's `predictProba`.
   */
  predictProba(x: ArrayLike<number>, rows: number): Float64Array {
    const d = this.nFeatures;
    const k = this.nClasses;
    if (x.length !== rows * d) throw new Error(`expected ${rows} × ${d} values, got ${x.length}`);
    const out = new Float64Array(rows * k);
    const { feature, threshold, next, entryEnd, leafClass, leafCount, leafTotal, roots } = this;
    for (let r = 0; r < rows; r++) {
      const base = r * d;
      const o = r * k;
      for (let t = 0; t < roots.length; t++) {
        let node = roots[t] as number;
        let f = feature[node] as number;
        while (f !== LEAF) {
          node = (x[base + f] as number) <= (threshold[node] as number) ? node + 1 : (next[node] as number);
          f = feature[node] as number;
        }
        const total = leafTotal[node] as number;
        for (let e = next[node] as number; e < (entryEnd[node] as number); e++) {
          const c = o + (leafClass[e] as number);
          out[c] = (out[c] as number) + (leafCount[e] as number) / total;
        }
      }
    }
    const n = roots.length;
    for (let i = 0; i < out.length; i++) out[i] = (out[i] as number) / n;
    return out;
  }

  /** The most probable class of each row (lowest index on ties). */
  predict(x: ArrayLike<number>, rows: number): Int32Array {
    const proba = this.predictProba(x, rows);
    const k = this.nClasses;
    const out = new Int32Array(rows);
    for (let r = 0; r < rows; r++) {
      let best = 0;
      for (let c = 1; c < k; c++)
        if ((proba[r * k + c] as number) > (proba[r * k + best] as number)) best = c;
      out[r] = best;
    }
    return out;
  }
}
