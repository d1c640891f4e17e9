import type { Matrix } from "../../src/matrix.ts";
import { Random } from "../../src/random.ts";

/**
 * A small classification task: `k` Gaussian blobs in `d` dimensions (centres on ±`separation` per
 * coordinate), `rows` examples each for train and validation. With random labels instead (`noise`),
 * a network can only memorise, so its validation loss turns upwards: what early stopping must catch.
 */
export function tinyTask(options: {
  rows: number;
  d: number;
  k: number;
  seed: number;
  separation?: number;
  noise?: boolean;
}) {
  const { rows, d, k, seed, separation = 1.5, noise = false } = options;
  const rng = new Random(seed);
  const centres = Array.from({ length: k }, () =>
    Array.from({ length: d }, () => (rng.nextFloat() < 0.5 ? -1 : 1) * separation),
  );
  const normal = () =>
    Math.sqrt(-2 * Math.log(1 - rng.nextFloat())) * Math.cos(2 * Math.PI * rng.nextFloat());
  const part = () => {
    const x = new Float64Array(rows * d);
    const y = new Int32Array(rows);
    for (let i = 0; i < rows; i++) {
      const c = rng.nextInt(k);
      y[i] = noise ? rng.nextInt(k) : c;
      for (let j = 0; j < d; j++) x[i * d + j] = (centres[c]?.[j] as number) + normal();
    }
    return { x: { data: x, rows, cols: d } satisfies Matrix, y };
  };
  return { train: part(), validation: part() };
}
