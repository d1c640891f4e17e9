import { type Matrix, matrix } from "../../src/matrix.ts";
import { Random } from "../../src/random.ts";

/** A labelled dataset for tree tests. */
export interface Dataset {
  X: Matrix;
  y: Int32Array;
  nClasses: number;
}

/**
 * `rows` random rows of `cols` features with `nClasses` labels that depend on the features plus noise:
 * class = floor(nClasses · frac(Σ wⱼ xⱼ + noise)). `decimals` rounds features (ties, few distinct values);
 * null keeps full precision.
 */
export function randomDataset(
  seed: number,
  rows: number,
  cols: number,
  nClasses: number,
  decimals: number | null = null,
  noise = 0.1,
): Dataset {
  const rng = new Random(seed);
  const weights = Array.from({ length: cols }, () => rng.nextFloat() * 2 - 1);
  const data = new Float64Array(rows * cols);
  const y = new Int32Array(rows);
  for (let i = 0; i < rows; i++) {
    let s = noise * rng.nextFloat();
    for (let j = 0; j < cols; j++) {
      let v = rng.nextFloat();
      if (decimals !== null) v = Math.round(v * 10 ** decimals) / 10 ** decimals;
      data[i * cols + j] = v;
      s += (weights[j] as number) * v;
    }
    const frac = s - Math.floor(s);
    y[i] = Math.min(nClasses - 1, Math.floor(frac * nClasses));
  }
  return { X: matrix(rows, cols, data), y, nClasses };
}

/** The rows of a matrix as nested arrays (for ml-cart and CSV dumps). */
export function toRows(X: Matrix): number[][] {
  return Array.from({ length: X.rows }, (_, i) => Array.from(X.data.subarray(i * X.cols, (i + 1) * X.cols)));
}

/** The same dataset with each feature replaced by its rank / rows: distinct values, evenly spaced. */
export function ranked(d: Dataset): Dataset {
  const { rows, cols } = d.X;
  const data = new Float64Array(rows * cols);
  for (let j = 0; j < cols; j++) {
    const order = Array.from({ length: rows }, (_, i) => i).sort(
      (a, b) => (d.X.data[a * cols + j] as number) - (d.X.data[b * cols + j] as number),
    );
    order.forEach((i, rank) => {
      data[i * cols + j] = (rank + 0.5) / rows;
    });
  }
  return { X: matrix(rows, cols, data), y: d.y, nClasses: d.nClasses };
}

/**
 * Gaussian blobs: `nClasses` centres drawn in [0, 4)^cols, rows assigned round-robin to a class and scattered
 * around its centre with standard deviation `spread` (Box–Muller).
 */
export function blobs(seed: number, rows: number, cols: number, nClasses: number, spread = 1): Dataset {
  const rng = new Random(seed);
  const centres = Array.from({ length: nClasses * cols }, () => rng.nextFloat() * 4);
  const data = new Float64Array(rows * cols);
  const y = new Int32Array(rows);
  for (let i = 0; i < rows; i++) {
    const c = i % nClasses;
    y[i] = c;
    for (let j = 0; j < cols; j++) {
      const u = 1 - rng.nextFloat();
      const g = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.nextFloat());
      data[i * cols + j] = (centres[c * cols + j] as number) + spread * g;
    }
  }
  return { X: matrix(rows, cols, data), y, nClasses };
}
