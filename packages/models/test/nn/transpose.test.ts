import * as tf from "@tensorflow/tfjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { selectBackend } from "../../src/nn/backend.ts";
import { columnSums, transpose2d } from "../../src/nn/transpose.ts";
import { Random } from "../../src/random.ts";

const rng = new Random(5);
// 45 × 70: neither side a multiple of the 32-row tiles, so partial tiles at both edges are covered.
const rows = 45;
const cols = 70;
const values = Float32Array.from({ length: rows * cols }, () => 2 * rng.nextFloat() - 1);

describe.each(["wasm", "cpu"] as const)("on the %s backend", (backend) => {
  beforeAll(async () => {
    await selectBackend({ forced: backend });
  });
  afterAll(async () => {
    await selectBackend({ forced: "wasm" });
  });

  it("transpose2d moves element (r, c) to (c, r)", () => {
    tf.tidy(() => {
      const x = tf.tensor2d(values, [rows, cols]);
      const t = transpose2d(x);
      expect(t.shape).toEqual([cols, rows]);
      const out = t.dataSync();
      for (let r = 0; r < rows; r++)
        for (let c = 0; c < cols; c++) expect(out[c * rows + r]).toBe(values[r * cols + c]);
    });
  });

  it("columnSums adds each column over the rows", () => {
    tf.tidy(() => {
      const sums = columnSums(tf.tensor2d(values, [rows, cols]));
      expect(sums.shape).toEqual([cols]);
      const out = sums.dataSync();
      for (let c = 0; c < cols; c++) {
        let expected = 0;
        for (let r = 0; r < rows; r++) expected += values[r * cols + c] as number;
        expect(out[c]).toBeCloseTo(expected, 4);
      }
    });
  });
});
