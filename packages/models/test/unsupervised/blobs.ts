import type { Matrix } from "../../src/matrix.ts";
import { Random } from "../../src/random.ts";

/** A standard normal draw (Box–Muller) from the project's generator. */
export function normal(rng: Random): number {
  const u = 1 - rng.nextFloat();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.nextFloat());
}

/** `perBlob` points around each centre with standard deviation `sd`, blob by blob, and each point's blob. */
export function blobs(
  centres: number[][],
  perBlob: number,
  sd: number,
  seed: number,
): { X: Matrix; labels: Int32Array } {
  const rng = new Random(seed);
  const d = (centres[0] as number[]).length;
  const n = centres.length * perBlob;
  const data = new Float64Array(n * d);
  const labels = new Int32Array(n);
  centres.forEach((centre, c) => {
    for (let p = 0; p < perBlob; p++) {
      const i = c * perBlob + p;
      labels[i] = c;
      for (let f = 0; f < d; f++) data[i * d + f] = (centre[f] as number) + sd * normal(rng);
    }
  });
  return { X: { data, rows: n, cols: d }, labels };
}
