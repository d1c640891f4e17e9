import { type Matrix, matrix } from "../../src/matrix.ts";
import { Random } from "../../src/random.ts";

/**
 * A design shaped like the seed's logistic features, scaled: one-hot columns 0–2 (3 categories), continuous
 * columns 3 and 5, an integer column 4 with levels 0..4 (shifted and scaled), a constant column 6; every 5th
 * row is followed by a copy of itself with another label (a track listed under two genres). K classes whose
 * means differ.
 */
export function mixedDesign(n: number, K: number, seed: number): { X: Matrix; y: Int32Array } {
  const rng = new Random(seed);
  const X = matrix(n, 7);
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const o = i * 7;
    if (i % 5 === 1) {
      X.data.copyWithin(o, o - 7, o);
      y[i] = ((y[i - 1] as number) + 1) % K;
      continue;
    }
    const c = rng.nextInt(K);
    y[i] = c;
    const category = (c + rng.nextInt(2)) % 3;
    X.data[o + category] = 1.25;
    X.data[o] = (X.data[o] as number) - 0.4;
    X.data[o + 3] = c + 2 * rng.nextFloat() - 1;
    X.data[o + 4] = (rng.nextInt(5) - 2) * 0.7;
    X.data[o + 5] = rng.nextFloat() * (c % 2 === 0 ? 1 : -1);
    X.data[o + 6] = 0.3;
  }
  return { X, y };
}
