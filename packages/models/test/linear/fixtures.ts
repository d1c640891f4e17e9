import { type Matrix, matrix } from "../../src/matrix.ts";

/** Park–Miller: s ← 16807 s mod (2³¹ − 1), u = s / (2³¹ − 1); exact in doubles, so Python gets the same values. */
export function parkMiller(seed: number, count: number): Float64Array<ArrayBuffer> {
  const out = new Float64Array(count);
  let s = seed;
  for (let i = 0; i < count; i++) {
    s = (s * 16807) % 2147483647;
    out[i] = s / 2147483647;
  }
  return out;
}

/** The 12 × 3 OLS data of sklearn-expected.py section 1. */
export function olsData(): { X: Matrix; y: Float64Array } {
  const u = parkMiller(7, 12 * 4);
  const X = matrix(12, 3);
  const y = new Float64Array(12);
  const scale = [1, 10, 0.1];
  for (let i = 0; i < 12; i++) {
    for (let j = 0; j < 3; j++) X.data[i * 3 + j] = (u[i * 4 + j] as number) * (scale[j] as number);
    const x = X.data.subarray(i * 3, i * 3 + 3);
    y[i] =
      0.5 +
      1.5 * (x[0] as number) -
      0.25 * (x[1] as number) +
      4 * (x[2] as number) +
      ((u[i * 4 + 3] as number) - 0.5);
  }
  return { X, y };
}

/** The 60 × 6 selection data of sklearn-expected.py: y depends on x1, x3, x4; x5 ≈ x1 is a decoy. */
export function selectionData(): { X: Matrix; y: Float64Array } {
  const u = parkMiller(20240601, 60 * 8);
  const X = matrix(60, 6);
  const y = new Float64Array(60);
  for (let i = 0; i < 60; i++) {
    const r = u.subarray(i * 8, i * 8 + 8);
    for (let j = 0; j < 6; j++) X.data[i * 6 + j] = r[j] as number;
    X.data[i * 6 + 5] = (r[1] as number) + 0.3 * ((r[6] as number) - 0.5);
    y[i] =
      3 * (r[1] as number) - 2 * (r[3] as number) + 1 * (r[4] as number) + 0.4 * ((r[7] as number) - 0.5);
  }
  return { X, y };
}
