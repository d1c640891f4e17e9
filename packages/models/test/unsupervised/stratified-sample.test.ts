import { describe, expect, it } from "vitest";
import { Random } from "../../src/random.ts";
import { stratifiedSample } from "../../src/unsupervised/stratified-sample.ts";

describe("stratifiedSample", () => {
  it("draws distinct rows in each class's proportion (largest remainders for the rest)", () => {
    // Classes of 50, 30 and 20 rows; 30 % is 15, 9 and 6.
    const labels = Int32Array.from({ length: 100 }, (_, i) => (i < 50 ? 0 : i < 80 ? 1 : 2));
    const sample = stratifiedSample(labels, 30, new Random(42));
    expect(new Set(sample).size).toBe(30);
    const counts = [0, 0, 0];
    for (const i of sample) counts[labels[i] as number] = (counts[labels[i] as number] as number) + 1;
    expect(counts).toEqual([15, 9, 6]);
    // 7 rows: shares 3.5, 2.1, 1.4 → floors 3, 2, 1 and the one left over to the largest remainder (class 0).
    const seven = stratifiedSample(labels, 7, new Random(1));
    const sevenCounts = [0, 0, 0];
    for (const i of seven)
      sevenCounts[labels[i] as number] = (sevenCounts[labels[i] as number] as number) + 1;
    expect(sevenCounts).toEqual([4, 2, 1]);
    expect(stratifiedSample(labels, 30, new Random(42))).toEqual(sample);
  });
});
