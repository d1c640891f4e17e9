import type { Random } from "../random.ts";
import { midpoint } from "./binning.ts";
import { impurity, xlogx } from "./criterion.ts";
import type { GrowParams } from "./options.ts";
import type { TreeArrays } from "./tree-model.ts";

/** The binned training features a tree grows on (see `BinnedFeatures`); typed arrays may be shared memory. */
export interface GrowData {
  codes: Uint8Array;
  rows: number;
  cols: number;
  nBins: Int32Array;
  lower: Float64Array[];
  upper: Float64Array[];
}

// Nodes with at most this many rows search splits by sorting rows, not by histogram (measured on the Spotify
// forest; must stay below 2^16 for the packed sort keys).
const SMALL_NODE = 48;

// numpy's float64 machine epsilon, sklearn's EPSILON for "pure node" and improvement tests.
const EPSILON = 2.220446049250313e-16;

/**
 * Grows CART classification trees on binned features, like sklearn's depth-first builder with the best
 * splitter: nodes numbered in preorder, a node is a leaf when it is at `maxDepth`, has fewer than
 * `minSamplesSplit` rows (or fewer than 2 × `minSamplesLeaf`), is pure, has no valid split, or its best split
 * decreases impurity by less than `minImpurityDecrease`. Row counts (for the `min*` rules) count distinct rows
 * with non-zero weight; impurities use weights, so bootstrap counts behave like duplicated rows.
 *
 * Split search per node and feature is a histogram over bins (K class weights per bin), scanned left to right.
 * A candidate threshold is the midpoint between the largest value of the last non-empty bin on the left and
 * the smallest of the first non-empty bin on the right, so with one bin per distinct value it is exactly
 * sklearn's threshold. Reuse one grower for many trees on the same data: all buffers are kept.
 */
export class TreeGrower {
  readonly #data: GrowData;
  readonly #y: Int32Array;
  readonly #k: number;
  readonly #binOffset: Int32Array;
  readonly #totalBins: number;
  // Rows of the nodes still to grow, each node a contiguous range; partitioned in place (stable).
  readonly #idx: Int32Array;
  readonly #scratch: Int32Array;
  readonly #features: Int32Array;
  // One-feature histogram for "direct" nodes, kept all-zero between uses.
  readonly #hist: Float64Array;
  readonly #cnt: Int32Array;
  // All-feature histograms of nodes on the stack ("subtract" mode), recycled.
  readonly #pool: { hist: Float64Array; cnt: Int32Array }[] = [];
  #bufs: { hist: Float64Array; cnt: Int32Array }[] = [];
  readonly #left: Float64Array;
  readonly #keys = new Int32Array(SMALL_NODE);
  readonly #bestLeft: Float64Array;
  readonly #nodeTotals: Float64Array;
  #w: Float64Array = new Float64Array(0);
  #params!: GrowParams;
  // Best split of the node being searched.
  #best = 0;
  #bestFeature = -1;
  #bestBin = -1;
  #bestNext = -1;
  // Tree under construction.
  #nodes = 0;
  #feature = new Int32Array(64);
  #threshold = new Float64Array(64);
  #leftChild = new Int32Array(64);
  #rightChild = new Int32Array(64);
  #value = new Float64Array(64);
  #leaves = 0;
  #importances: Float64Array;
  // Stack of nodes to grow.
  #sp = 0;
  #sStart = new Int32Array(64);
  #sEnd = new Int32Array(64);
  #sDepth = new Int32Array(64);
  #sParent = new Int32Array(64);
  #sIsLeft = new Uint8Array(64);
  #sBuf = new Int32Array(64);
  #sTotals: Float64Array;

  constructor(data: GrowData, y: Int32Array, nClasses: number) {
    if (y.length !== data.rows) throw new Error(`y has ${y.length} labels for ${data.rows} rows`);
    for (let i = 0; i < y.length; i++) {
      const c = y[i] as number;
      if (!(c >= 0 && c < nClasses))
        throw new RangeError(`label ${c} at row ${i} is outside 0..${nClasses - 1}`);
    }
    this.#data = data;
    this.#y = y;
    this.#k = nClasses;
    this.#binOffset = new Int32Array(data.cols + 1);
    let maxBins = 1;
    for (let f = 0; f < data.cols; f++) {
      const b = data.nBins[f] as number;
      this.#binOffset[f + 1] = (this.#binOffset[f] as number) + b;
      if (b > maxBins) maxBins = b;
    }
    this.#totalBins = this.#binOffset[data.cols] as number;
    this.#idx = new Int32Array(data.rows);
    this.#scratch = new Int32Array(data.rows);
    this.#features = new Int32Array(data.cols);
    this.#hist = new Float64Array(maxBins * nClasses);
    this.#cnt = new Int32Array(maxBins);
    this.#left = new Float64Array(nClasses);
    this.#bestLeft = new Float64Array(nClasses);
    this.#nodeTotals = new Float64Array(nClasses);
    this.#importances = new Float64Array(data.cols);
    this.#sTotals = new Float64Array(64 * nClasses);
  }

  /**
   * Grows one tree. `weights[i]` is row i's weight (a bootstrap count, say; 0 leaves the row out); null = all 1.
   * `rng` draws the features tried at each node when `params.maxFeatures` is below the feature count.
   */
  grow(weights: ArrayLike<number> | null, params: GrowParams, rng: Random): TreeArrays {
    const n = this.#data.rows;
    const k = this.#k;
    const F = this.#data.cols;
    if (this.#w.length !== n) this.#w = new Float64Array(n);
    const w = this.#w;
    if (weights === null) w.fill(1);
    else {
      if (weights.length !== n) throw new Error(`${weights.length} weights for ${n} rows`);
      for (let i = 0; i < n; i++) {
        const v = weights[i] as number;
        if (!(v >= 0) || !Number.isFinite(v))
          throw new RangeError(`weight ${v} at row ${i} is not finite and ≥ 0`);
        w[i] = v;
      }
    }
    this.#params = params;
    for (let f = 0; f < F; f++) this.#features[f] = f;
    this.#nodes = 0;
    this.#leaves = 0;
    this.#importances.fill(0);

    const idx = this.#idx;
    const y = this.#y;
    let m = 0;
    const totals = this.#nodeTotals;
    totals.fill(0);
    for (let i = 0; i < n; i++) {
      const wi = w[i] as number;
      if (wi > 0) {
        idx[m++] = i;
        totals[y[i] as number] = (totals[y[i] as number] as number) + wi;
      }
    }
    if (m === 0) throw new Error("no rows with positive weight to grow a tree on");
    let rootWeight = 0;
    for (let c = 0; c < k; c++) rootWeight += totals[c] as number;

    // The root's all-feature histogram, when subtraction is on.
    let rootBuf = -1;
    // Subtraction needs every feature's histogram at a node; with few features tried per node ("sqrt" of 15
    // is 3) binning just those is cheaper, so "auto" starts with all features only when many are tried.
    if (params.histogram === "subtract" || (params.histogram === "auto" && 2 * params.maxFeatures >= F)) {
      rootBuf = this.#acquire();
      this.#buildAll(rootBuf, 0, m);
    }
    this.#sp = 0;
    this.#push(0, m, 0, -1, false, totals, 0, rootBuf);

    const data = this.#data;
    const left = this.#left;
    const bestLeft = this.#bestLeft;
    while (this.#sp > 0) {
      const s = --this.#sp;
      const start = this.#sStart[s] as number;
      const end = this.#sEnd[s] as number;
      const depth = this.#sDepth[s] as number;
      const parent = this.#sParent[s] as number;
      const buf = this.#sBuf[s] as number;
      for (let c = 0; c < k; c++) totals[c] = this.#sTotals[s * k + c] as number;
      const id = this.#newNode();
      if (parent >= 0) {
        if (this.#sIsLeft[s]) this.#leftChild[parent] = id;
        else this.#rightChild[parent] = id;
      }
      const rows = end - start;
      let weight = 0;
      for (let c = 0; c < k; c++) weight += totals[c] as number;
      const imp = impurity(params.criterion, totals, 0, k, weight);

      let isLeaf =
        depth >= params.maxDepth ||
        rows < params.minSamplesSplit ||
        rows < 2 * params.minSamplesLeaf ||
        imp <= EPSILON;
      let leftWeight = 0;
      let impLeft = 0;
      let impRight = 0;
      if (!isLeaf) {
        if (!this.#findSplit(start, end, buf, totals, weight, rng)) isLeaf = true;
        else {
          for (let c = 0; c < k; c++) leftWeight += bestLeft[c] as number;
          for (let c = 0; c < k; c++) left[c] = (totals[c] as number) - (bestLeft[c] as number);
          const rightWeight = weight - leftWeight;
          impLeft = impurity(params.criterion, bestLeft, 0, k, leftWeight);
          impRight = impurity(params.criterion, left, 0, k, rightWeight);
          const improvement =
            (weight / rootWeight) *
            (imp - (rightWeight / weight) * impRight - (leftWeight / weight) * impLeft);
          if (improvement + EPSILON < params.minImpurityDecrease) isLeaf = true;
        }
      }
      if (isLeaf) {
        this.#makeLeaf(id, totals, weight);
        if (buf >= 0) this.#release(buf);
        continue;
      }

      const f = this.#bestFeature;
      const bin = this.#bestBin;
      this.#feature[id] = f;
      this.#threshold[id] = midpoint(
        (data.upper[f] as Float64Array)[bin] as number,
        (data.lower[f] as Float64Array)[this.#bestNext] as number,
      );
      const rightWeight = weight - leftWeight;
      this.#importances[f] =
        (this.#importances[f] as number) + weight * imp - leftWeight * impLeft - rightWeight * impRight;

      const mid = this.#partition(start, end, f, bin);
      // Children's histograms: build the smaller child's, derive the larger's from the parent's in place.
      let leftBuf = -1;
      let rightBuf = -1;
      if (buf >= 0) {
        const nl = mid - start;
        const nr = end - mid;
        const small = Math.min(nl, nr);
        const large = Math.max(nl, nr);
        const d = depth + 1;
        const childrenSplit = d < params.maxDepth && large >= params.minSamplesSplit;
        // Cost model (row-bin increments): subtraction pays when the larger child is big next to the bins.
        const subtractCost = F * small + 2 * this.#totalBins * k;
        const directCost = 2 * params.maxFeatures * (small + large);
        if (childrenSplit && (params.histogram === "subtract" ? true : subtractCost < directCost)) {
          const smallBuf = this.#acquire();
          if (nl <= nr) this.#buildAll(smallBuf, start, mid);
          else this.#buildAll(smallBuf, mid, end);
          this.#subtract(buf, smallBuf);
          if (nl <= nr) {
            leftBuf = smallBuf;
            rightBuf = buf;
          } else {
            leftBuf = buf;
            rightBuf = smallBuf;
          }
        } else this.#release(buf);
      }
      for (let c = 0; c < k; c++) left[c] = (totals[c] as number) - (bestLeft[c] as number);
      this.#push(mid, end, depth + 1, id, false, left, 0, rightBuf);
      this.#push(start, mid, depth + 1, id, true, bestLeft, 0, leftBuf);
    }
    // Every histogram went back to the pool when its node became a leaf or passed it to a child.
    this.#bufs = [];
    return this.#finish(rootWeight);
  }

  /** Finds the best split of rows [start, end); true when one was found (in #best*). */
  #findSplit(
    start: number,
    end: number,
    buf: number,
    totals: Float64Array,
    weight: number,
    rng: Random,
  ): boolean {
    const F = this.#data.cols;
    const mtry = this.#params.maxFeatures;
    const features = this.#features;
    const k = this.#k;
    const rows = end - start;
    this.#best = Number.NEGATIVE_INFINITY;
    this.#bestFeature = -1;
    let drawn = 0;
    let visited = 0;
    let nonConstant = false;
    // As sklearn: draw features without replacement until mtry were visited and at least one was not constant.
    while (drawn < F && (visited < mtry || !nonConstant)) {
      let f: number;
      if (mtry < F) {
        const j = drawn + rng.nextInt(F - drawn);
        f = features[j] as number;
        features[j] = features[drawn] as number;
        features[drawn] = f;
      } else f = drawn;
      drawn++;
      visited++;
      let hist: Float64Array;
      let cnt: Int32Array;
      let hOff: number;
      let cOff: number;
      let lo: number;
      let hi: number;
      if (buf >= 0) {
        const b = this.#bufs[buf] as { hist: Float64Array; cnt: Int32Array };
        hist = b.hist;
        cnt = b.cnt;
        cOff = this.#binOffset[f] as number;
        hOff = cOff * k;
        const nb = this.#data.nBins[f] as number;
        lo = 0;
        while (lo < nb && cnt[cOff + lo] === 0) lo++;
        hi = nb - 1;
        while (hi > lo && cnt[cOff + hi] === 0) hi--;
      } else if (rows <= SMALL_NODE) {
        if (this.#scanSorted(f, start, end, totals, weight)) nonConstant = true;
        continue;
      } else {
        hist = this.#hist;
        cnt = this.#cnt;
        hOff = 0;
        cOff = 0;
        const range = this.#buildOne(f, start, end);
        lo = range & 0xff;
        hi = range >>> 8;
      }
      if (lo < hi) {
        nonConstant = true;
        this.#scan(f, hist, hOff, cnt, cOff, lo, hi, totals, weight, rows);
      }
      if (buf < 0) this.#clearOne(f, start, end, lo, hi);
    }
    return this.#bestFeature >= 0;
  }

  /** Scans feature f's histogram bins lo..hi, keeping the best split in #best*. */
  #scan(
    f: number,
    hist: Float64Array,
    hOff: number,
    cnt: Int32Array,
    cOff: number,
    lo: number,
    hi: number,
    totals: Float64Array,
    weight: number,
    rows: number,
  ): void {
    const k = this.#k;
    const left = this.#left;
    const minLeaf = this.#params.minSamplesLeaf;
    const gini = this.#params.criterion === "gini";
    left.fill(0);
    // Gini proxy Σ L²/wL + Σ R²/wR (to maximise), updated per bin; exact for integer weights.
    let sumL = 0;
    let sumR = 0;
    for (let c = 0; c < k; c++) sumR += (totals[c] as number) * (totals[c] as number);
    let wL = 0;
    let nL = 0;
    let prev = -1;
    for (let b = lo; b <= hi; b++) {
      const count = cnt[cOff + b] as number;
      if (count === 0) continue;
      if (prev >= 0 && nL >= minLeaf) this.#consider(f, prev, b, wL, weight - wL, sumL, sumR, gini, totals);
      const base = hOff + b * k;
      for (let c = 0; c < k; c++) {
        const h = hist[base + c] as number;
        if (h !== 0) {
          const l = left[c] as number;
          sumL += h * (2 * l + h);
          sumR += h * (h - 2 * ((totals[c] as number) - l));
          left[c] = l + h;
          wL += h;
        }
      }
      nL += count;
      if (rows - nL < minLeaf) break;
      prev = b;
    }
  }

  /**
   * Split search for a small node without a histogram: sort its rows by bin (insertion sort on packed
   * bin·2¹⁶ + position keys) and scan rows, one class update per row instead of K per bin. Same candidates
   * and order as #scan. Returns false when the feature is constant in the node.
   */
  /**
   * Scores the split of feature f between bins `prev` and `next` (left class weights in #left) and keeps it
   * when it beats #best. Both scans call this, so the histogram and sorted paths pick splits identically.
   */
  #consider(
    f: number,
    prev: number,
    next: number,
    wL: number,
    wR: number,
    sumL: number,
    sumR: number,
    gini: boolean,
    totals: Float64Array,
  ): void {
    const left = this.#left;
    let proxy: number;
    if (gini) proxy = sumL / wL + sumR / wR;
    else {
      // −(wL·H_L + wR·H_R) in nats: Σ L ln L − wL ln wL + Σ R ln R − wR ln wR.
      proxy = -xlogx(wL) - xlogx(wR);
      for (let c = 0; c < this.#k; c++) {
        const l = left[c] as number;
        proxy += xlogx(l) + xlogx((totals[c] as number) - l);
      }
    }
    if (proxy > this.#best) {
      this.#best = proxy;
      this.#bestFeature = f;
      this.#bestBin = prev;
      this.#bestNext = next;
      this.#bestLeft.set(left);
    }
  }

  #scanSorted(f: number, start: number, end: number, totals: Float64Array, weight: number): boolean {
    const n = end - start;
    const codes = this.#data.codes;
    const idx = this.#idx;
    const keys = this.#keys;
    const base = f * this.#data.rows;
    for (let i = 0; i < n; i++) {
      const key = ((codes[base + (idx[start + i] as number)] as number) << 16) | i;
      let j = i - 1;
      while (j >= 0 && (keys[j] as number) > key) {
        keys[j + 1] = keys[j] as number;
        j--;
      }
      keys[j + 1] = key;
    }
    if ((keys[0] as number) >>> 16 === (keys[n - 1] as number) >>> 16) return false;
    const k = this.#k;
    const y = this.#y;
    const w = this.#w;
    const left = this.#left;
    const minLeaf = this.#params.minSamplesLeaf;
    const gini = this.#params.criterion === "gini";
    left.fill(0);
    let sumL = 0;
    let sumR = 0;
    for (let c = 0; c < k; c++) sumR += (totals[c] as number) * (totals[c] as number);
    let wL = 0;
    let nL = 0;
    let prev = -1;
    for (let i = 0; i < n; i++) {
      const key = keys[i] as number;
      const b = key >>> 16;
      if (b !== prev && prev >= 0 && nL >= minLeaf) {
        this.#consider(f, prev, b, wL, weight - wL, sumL, sumR, gini, totals);
      }
      const r = idx[start + (key & 0xffff)] as number;
      const c = y[r] as number;
      const h = w[r] as number;
      const l = left[c] as number;
      sumL += h * (2 * l + h);
      sumR += h * (h - 2 * ((totals[c] as number) - l));
      left[c] = l + h;
      wL += h;
      nL++;
      if (n - nL < minLeaf) break;
      prev = b;
    }
    return true;
  }

  /** Direct histogram of feature f over rows [start, end); returns lo | hi << 8 (lowest and highest bin). */
  #buildOne(f: number, start: number, end: number): number {
    const n = this.#data.rows;
    const codes = this.#data.codes;
    const idx = this.#idx;
    const y = this.#y;
    const w = this.#w;
    const hist = this.#hist;
    const cnt = this.#cnt;
    const k = this.#k;
    const base = f * n;
    let lo = 255;
    let hi = 0;
    for (let i = start; i < end; i++) {
      const r = idx[i] as number;
      const b = codes[base + r] as number;
      const j = b * k + (y[r] as number);
      hist[j] = (hist[j] as number) + (w[r] as number);
      cnt[b] = (cnt[b] as number) + 1;
      if (b < lo) lo = b;
      if (b > hi) hi = b;
    }
    return lo | (hi << 8);
  }

  /** Zeroes what #buildOne wrote, by bin range or by row, whichever touches less. */
  #clearOne(f: number, start: number, end: number, lo: number, hi: number): void {
    const k = this.#k;
    if ((hi - lo + 1) * k <= end - start) {
      this.#hist.fill(0, lo * k, (hi + 1) * k);
      this.#cnt.fill(0, lo, hi + 1);
      return;
    }
    const n = this.#data.rows;
    const codes = this.#data.codes;
    const idx = this.#idx;
    const y = this.#y;
    const hist = this.#hist;
    const cnt = this.#cnt;
    const base = f * n;
    for (let i = start; i < end; i++) {
      const r = idx[i] as number;
      const b = codes[base + r] as number;
      hist[b * k + (y[r] as number)] = 0;
      cnt[b] = 0;
    }
  }

  /** All-feature histogram of rows [start, end) into pooled buffer `buf` (zeroed by #acquire). */
  #buildAll(buf: number, start: number, end: number): void {
    const { hist, cnt } = this.#bufs[buf] as { hist: Float64Array; cnt: Int32Array };
    const n = this.#data.rows;
    const codes = this.#data.codes;
    const idx = this.#idx;
    const y = this.#y;
    const w = this.#w;
    const k = this.#k;
    for (let f = 0; f < this.#data.cols; f++) {
      const base = f * n;
      const cOff = this.#binOffset[f] as number;
      const hOff = cOff * k;
      for (let i = start; i < end; i++) {
        const r = idx[i] as number;
        const b = cOff + (codes[base + r] as number);
        const j = hOff + (b - cOff) * k + (y[r] as number);
        hist[j] = (hist[j] as number) + (w[r] as number);
        cnt[b] = (cnt[b] as number) + 1;
      }
    }
  }

  /** parent -= small, in place: the larger child's histogram. */
  #subtract(parent: number, small: number): void {
    const p = this.#bufs[parent] as { hist: Float64Array; cnt: Int32Array };
    const s = this.#bufs[small] as { hist: Float64Array; cnt: Int32Array };
    const ph = p.hist;
    const sh = s.hist;
    for (let i = 0; i < ph.length; i++) ph[i] = (ph[i] as number) - (sh[i] as number);
    const pc = p.cnt;
    const sc = s.cnt;
    for (let i = 0; i < pc.length; i++) pc[i] = (pc[i] as number) - (sc[i] as number);
  }

  #acquire(): number {
    const b = this.#pool.pop() ?? {
      hist: new Float64Array(this.#totalBins * this.#k),
      cnt: new Int32Array(this.#totalBins),
    };
    b.hist.fill(0);
    b.cnt.fill(0);
    // Slots of #bufs are reused; a released slot holds a buffer handed back to the pool.
    let slot = this.#bufs.indexOf(FREE);
    if (slot < 0) slot = this.#bufs.push(b) - 1;
    else this.#bufs[slot] = b;
    return slot;
  }

  #release(buf: number): void {
    const b = this.#bufs[buf] as { hist: Float64Array; cnt: Int32Array };
    this.#pool.push(b);
    this.#bufs[buf] = FREE;
  }

  /** Stable partition of rows [start, end) by bin ≤ `bin` in feature f; returns where the right part begins. */
  #partition(start: number, end: number, f: number, bin: number): number {
    const codes = this.#data.codes;
    const idx = this.#idx;
    const scratch = this.#scratch;
    const base = f * this.#data.rows;
    let l = start;
    let s = 0;
    for (let i = start; i < end; i++) {
      const r = idx[i] as number;
      if ((codes[base + r] as number) <= bin) idx[l++] = r;
      else scratch[s++] = r;
    }
    idx.set(scratch.subarray(0, s), l);
    return l;
  }

  #push(
    start: number,
    end: number,
    depth: number,
    parent: number,
    isLeft: boolean,
    totals: Float64Array,
    tOff: number,
    buf: number,
  ): void {
    const s = this.#sp++;
    const k = this.#k;
    if (s >= this.#sStart.length) {
      const cap = this.#sStart.length * 2;
      this.#sStart = grow32(this.#sStart, cap);
      this.#sEnd = grow32(this.#sEnd, cap);
      this.#sDepth = grow32(this.#sDepth, cap);
      this.#sParent = grow32(this.#sParent, cap);
      this.#sBuf = grow32(this.#sBuf, cap);
      const isLeftArr = new Uint8Array(cap);
      isLeftArr.set(this.#sIsLeft);
      this.#sIsLeft = isLeftArr;
      const t = new Float64Array(cap * k);
      t.set(this.#sTotals);
      this.#sTotals = t;
    }
    this.#sStart[s] = start;
    this.#sEnd[s] = end;
    this.#sDepth[s] = depth;
    this.#sParent[s] = parent;
    this.#sIsLeft[s] = isLeft ? 1 : 0;
    this.#sBuf[s] = buf;
    for (let c = 0; c < k; c++) this.#sTotals[s * k + c] = totals[tOff + c] as number;
  }

  #newNode(): number {
    const id = this.#nodes++;
    if (id >= this.#feature.length) {
      const cap = this.#feature.length * 2;
      this.#feature = grow32(this.#feature, cap);
      this.#leftChild = grow32(this.#leftChild, cap);
      this.#rightChild = grow32(this.#rightChild, cap);
      const t = new Float64Array(cap);
      t.set(this.#threshold);
      this.#threshold = t;
    }
    return id;
  }

  #makeLeaf(id: number, totals: Float64Array, weight: number): void {
    const k = this.#k;
    this.#feature[id] = -1;
    this.#threshold[id] = 0;
    this.#leftChild[id] = -1;
    this.#rightChild[id] = -1;
    const off = this.#leaves++ * k;
    if (off + k > this.#value.length) {
      const v = new Float64Array(Math.max(2 * this.#value.length, off + k));
      v.set(this.#value);
      this.#value = v;
    }
    for (let c = 0; c < k; c++) this.#value[off + c] = (totals[c] as number) / weight;
  }

  #finish(rootWeight: number): TreeArrays {
    const n = this.#nodes;
    const importances = new Float64Array(this.#data.cols);
    let sum = 0;
    for (let f = 0; f < importances.length; f++) {
      const v = (this.#importances[f] as number) / rootWeight;
      importances[f] = v;
      sum += v;
    }
    if (sum > 0)
      for (let f = 0; f < importances.length; f++) importances[f] = (importances[f] as number) / sum;
    return {
      nFeatures: this.#data.cols,
      nClasses: this.#k,
      feature: this.#feature.slice(0, n),
      threshold: this.#threshold.slice(0, n),
      left: this.#leftChild.slice(0, n),
      right: this.#rightChild.slice(0, n),
      value: this.#value.slice(0, this.#leaves * this.#k),
      importances,
    };
  }
}

const FREE = { hist: new Float64Array(0), cnt: new Int32Array(0) };

function grow32(a: Int32Array, cap: number): Int32Array<ArrayBuffer> {
  const out = new Int32Array(cap);
  out.set(a);
  return out;
}
