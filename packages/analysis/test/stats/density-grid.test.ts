import { describe, expect, it } from "vitest";
import { densityGrid } from "../../src/stats/density-grid.ts";

describe("densityGrid", () => {
  it("counts points per cell, row-major by y then x, maxima in the last cell", () => {
    // x and y span [0, 4]; 2 × 2 cells split at 2. Points: (0,0) and (1,1) → cell (0,0); (3,0) → (x1,y0);
    // (4,4) and (2,2) → (x1,y1) (the maximum and a value on the split land in the upper cell).
    const grid = densityGrid(Float64Array.from([0, 1, 3, 4, 2]), Float64Array.from([0, 1, 0, 4, 2]), 2, 2);
    expect(grid).toEqual({ nx: 2, ny: 2, xMin: 0, xMax: 4, yMin: 0, yMax: 4, counts: [2, 1, 0, 2] });
  });

  it("puts every point somewhere", () => {
    const x = Float64Array.from({ length: 500 }, (_, i) => Math.cos(i));
    const y = Float64Array.from({ length: 500 }, (_, i) => Math.sin(i * 0.7) * 30);
    expect(densityGrid(x, y, 7, 9).counts.reduce((a, b) => a + b, 0)).toBe(500);
  });
});
