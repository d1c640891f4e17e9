/**
 * Genre counts per category string (an artist, an album): how many training rows of each class carry it.
 * Counts are sparse (most artists play one or two genres), so a table of tens of thousands of categories
 * stays small.
 */
export class CategoryCounts {
  readonly nClasses: number;
  /** Rows counted per class, whatever their categories (the class prior's numerators). */
  readonly classTotals: Float64Array;
  readonly #byKey = new Map<string, Map<number, number>>();

  constructor(nClasses: number) {
    if (!Number.isInteger(nClasses) || nClasses < 1) throw new RangeError(`need ≥ 1 class, got ${nClasses}`);
    this.nClasses = nClasses;
    this.classTotals = new Float64Array(nClasses);
  }

  /** Counts rows `rows` of `keys` (each row's categories) with their labels. */
  static fit(
    keys: readonly (readonly string[])[],
    labels: Int32Array,
    rows: ArrayLike<number>,
    nClasses: number,
  ): CategoryCounts {
    const counts = new CategoryCounts(nClasses);
    for (let r = 0; r < rows.length; r++) {
      const row = rows[r] as number;
      counts.add(keys[row] ?? [], labels[row] as number);
    }
    return counts;
  }

  /** Counts one row: its class once in the prior, and once under each of its (distinct) categories. */
  add(keys: readonly string[], label: number): void {
    if (!Number.isInteger(label) || label < 0 || label >= this.nClasses) {
      throw new RangeError(`label ${label} is not a class of 0..${this.nClasses - 1}`);
    }
    this.classTotals[label] = (this.classTotals[label] as number) + 1;
    for (const key of keys) {
      let classes = this.#byKey.get(key);
      if (!classes) {
        classes = new Map();
        this.#byKey.set(key, classes);
      }
      classes.set(label, (classes.get(label) ?? 0) + 1);
    }
  }

  /** Rows counted. */
  get rows(): number {
    let total = 0;
    for (const c of this.classTotals) total += c;
    return total;
  }

  /** Distinct categories seen. */
  get size(): number {
    return this.#byKey.size;
  }

  /**
   * Adds `sign` × the class counts of every category in `keys` into `out` (length nClasses), pooling a row's
   * several artists into one count vector; returns the total added.
   */
  gather(keys: readonly string[], out: Float64Array, sign = 1): number {
    let total = 0;
    for (const key of keys) {
      const classes = this.#byKey.get(key);
      if (!classes) continue;
      for (const [label, count] of classes) {
        out[label] = (out[label] as number) + sign * count;
        total += count;
      }
    }
    return sign * total;
  }
}
