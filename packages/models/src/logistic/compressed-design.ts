import type { Matrix } from "../matrix.ts";

/** Columns with at most this many distinct values may be folded into the joint patterns. */
const MAX_LEVELS = 32;
/** Fold columns only while the patterns number at most this share of the distinct rows. */
const MAX_PATTERN_SHARE = 1 / 16;

/**
 * A design matrix X (n × d) with labels y, rewritten so that a linear model's scores cost less to compute
 * and differentiate, without changing the function they define:
 *
 * - identical rows of X are stored once, with the labels of all their copies (a track listed under several
 *   genres is one row with several labels);
 * - columns with few distinct values (one-hot indicators, key, mode, time signature…) are folded together:
 *   each distinct row refers to the joint values it takes on them (its *pattern*), so a model's contribution
 *   from all those columns is one lookup per row instead of a dot product over them.
 *
 * Every value is an exact copy from X; only the order of sums taken over it changes.
 */
export interface CompressedDesign {
  /** Rows and columns of the original X. */
  rows: number;
  cols: number;
  /** Distinct rows of X, in order of first appearance. */
  distinct: number;
  /** The columns of X kept as they are, ascending, and their values: `distinct × denseColumns.length`. */
  denseColumns: Int32Array;
  dense: Float64Array;
  /** The columns of X folded into patterns, ascending, and each pattern's values: `patterns × patternColumns.length`. */
  patternColumns: Int32Array;
  patternValues: Float64Array;
  patterns: number;
  /** The pattern of each distinct row. */
  pattern: Int32Array;
  /** The labels of the rows of X equal to distinct row u: `labels[labelStart[u] .. labelStart[u + 1])`. */
  labelStart: Int32Array;
  labels: Int32Array;
}

/** Compresses X and y (see {@link CompressedDesign}); X must hold no NaN (NaN ≠ NaN would break grouping). */
export function compressDesign(X: Matrix, y: Int32Array): CompressedDesign {
  const { data, rows: n, cols: d } = X;
  if (y.length !== n) throw new RangeError(`X has ${n} rows but y has ${y.length} labels`);

  const { groupOf, representative } = distinctRows(X);
  const distinct = representative.length;
  const labelStart = new Int32Array(distinct + 1);
  for (let i = 0; i < n; i++) {
    const u = groupOf[i] as number;
    labelStart[u + 1] = (labelStart[u + 1] as number) + 1;
  }
  for (let u = 0; u < distinct; u++)
    labelStart[u + 1] = (labelStart[u + 1] as number) + (labelStart[u] as number);
  const fill = labelStart.slice(0, distinct);
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const u = groupOf[i] as number;
    labels[fill[u] as number] = y[i] as number;
    fill[u] = (fill[u] as number) + 1;
  }

  const value = (u: number, j: number) => data[(representative[u] as number) * d + j] as number;
  const { columns: patternColumns, pattern, patterns } = foldFewValuedColumns(value, distinct, d);
  const folded = new Set(patternColumns);
  const denseColumns = Int32Array.from({ length: d }, (_, j) => j).filter((j) => !folded.has(j));

  const D = denseColumns.length;
  const dense = new Float64Array(distinct * D);
  for (let u = 0; u < distinct; u++) {
    for (let a = 0; a < D; a++) dense[u * D + a] = value(u, denseColumns[a] as number);
  }
  const P = patternColumns.length;
  const patternValues = new Float64Array(patterns * P);
  const seen = new Uint8Array(patterns);
  for (let u = 0; u < distinct; u++) {
    const p = pattern[u] as number;
    if (seen[p]) continue;
    seen[p] = 1;
    for (let q = 0; q < P; q++) patternValues[p * P + q] = value(u, patternColumns[q] as number);
  }
  return {
    rows: n,
    cols: d,
    distinct,
    denseColumns,
    dense,
    patternColumns,
    patternValues,
    patterns,
    pattern,
    labelStart,
    labels,
  };
}

/**
 * Groups equal rows of X: each row's distinct-row id (first-appearance order) and each distinct row's first
 * row. Rows are hashed by their bits into an open-addressing table and compared exactly on collision.
 */
function distinctRows(X: Matrix): { groupOf: Int32Array; representative: Int32Array } {
  const { data, rows: n, cols: d } = X;
  const words = new Uint32Array(data.buffer, data.byteOffset, n * d * 2);
  let size = 16;
  while (size < 2 * n) size *= 2;
  const slots = new Int32Array(size).fill(-1);
  const groupOf = new Int32Array(n);
  const representative = new Int32Array(n);
  let distinct = 0;
  const equalRows = (a: number, b: number) => {
    for (let j = 0; j < d; j++) if (data[a * d + j] !== data[b * d + j]) return false;
    return true;
  };
  for (let i = 0; i < n; i++) {
    // FNV-1a over the row's 32-bit words.
    let h = 0x811c9dc5;
    for (let w = i * 2 * d; w < (i + 1) * 2 * d; w++) h = Math.imul(h ^ (words[w] as number), 0x01000193);
    let slot = h & (size - 1);
    for (;;) {
      const u = slots[slot] as number;
      if (u === -1) {
        slots[slot] = distinct;
        representative[distinct] = i;
        groupOf[i] = distinct++;
        break;
      }
      if (equalRows(representative[u] as number, i)) {
        groupOf[i] = u;
        break;
      }
      slot = (slot + 1) & (size - 1);
    }
  }
  return { groupOf, representative: representative.slice(0, distinct) };
}

/**
 * Chooses the columns to fold: those with at most MAX_LEVELS distinct values, fewest levels first, each
 * kept only if the joint patterns stay within MAX_PATTERN_SHARE of the rows (else folding would cost more
 * than it saves). Returns the chosen columns (ascending) and each row's pattern id (first-appearance order).
 */
function foldFewValuedColumns(
  value: (row: number, column: number) => number,
  rows: number,
  cols: number,
): { columns: Int32Array; pattern: Int32Array; patterns: number } {
  // Each candidate column's level per row (levels numbered in order of appearance).
  const candidates: { column: number; levels: number; level: Int32Array }[] = [];
  for (let j = 0; j < cols; j++) {
    // A linear scan over at most MAX_LEVELS values beats a Map keyed by doubles here.
    const values = new Float64Array(MAX_LEVELS);
    let levels = 0;
    const level = new Int32Array(rows);
    let u = 0;
    for (; u < rows; u++) {
      const v = value(u, j);
      let l = 0;
      while (l < levels && values[l] !== v) l++;
      if (l === levels) {
        if (levels === MAX_LEVELS) break;
        values[levels++] = v;
      }
      level[u] = l;
    }
    if (u === rows) candidates.push({ column: j, levels, level });
  }
  candidates.sort((a, b) => a.levels - b.levels || a.column - b.column);

  const limit = Math.max(1, Math.floor(rows * MAX_PATTERN_SHARE));
  let pattern = new Int32Array(rows);
  let patterns = rows > 0 ? 1 : 0;
  const chosen: number[] = [];
  for (const { column, levels, level } of candidates) {
    // Joint id of (pattern so far, level), renumbered in order of appearance.
    const ids = new Int32Array(patterns * levels).fill(-1);
    const next = new Int32Array(rows);
    let count = 0;
    for (let u = 0; u < rows && count <= limit; u++) {
      const key = (pattern[u] as number) * levels + (level[u] as number);
      if (ids[key] === -1) ids[key] = count++;
      next[u] = ids[key] as number;
    }
    if (count > limit) continue;
    pattern = next;
    patterns = count;
    chosen.push(column);
  }
  return { columns: Int32Array.from(chosen).sort(), pattern, patterns };
}
