import { describe, expect, it } from "vitest";
import type { TrackTable } from "../../src/dataset/tracks.ts";
import { TRACK_NUMERIC_COLUMNS } from "../../src/dataset/tracks.ts";
import { categoriesOf, designMatrix, featureNames } from "../../src/features/design.ts";
import { encodeLabels } from "../../src/features/label-encoder.ts";
import { applyScaler, fitScaler } from "../../src/features/scaler.ts";
import { SEED_RAW_FEATURES, seedLogisticFeatures } from "../../src/features/seed-feature-sets.ts";

function table(rows: Partial<Record<(typeof TRACK_NUMERIC_COLUMNS)[number], number>>[]): TrackTable {
  const columns = Object.fromEntries(
    TRACK_NUMERIC_COLUMNS.map((c) => [c, Float64Array.from(rows.map((r) => r[c] ?? 0))]),
  ) as TrackTable["columns"];
  const trackId = rows.map((_, i) => `t${i}`);
  return { rows: rows.length, trackId, recordingId: trackId, genre: [], superGenre: [], columns };
}

describe("feature design", () => {
  const t = table([
    { key: 5, mode: 1, time_signature: 4, tempo: 120 },
    { key: 0, mode: 0, time_signature: 3, tempo: 90 },
    { key: 11, mode: 1, time_signature: 4, tempo: 100 },
  ]);

  it("expands categories one-hot before the raw columns, like the seed's ColumnTransformer", () => {
    const spec = seedLogisticFeatures(t);
    expect(categoriesOf(t, "key")).toEqual([0, 5, 11]);
    expect(featureNames(spec).slice(0, 8)).toEqual([
      "key_0",
      "key_5",
      "key_11",
      "mode_0",
      "mode_1",
      "time_signature_3",
      "time_signature_4",
      "popularity",
    ]);
    const x = designMatrix(t, spec, [1]);
    // Row 1: key 0 → [1,0,0], mode 0 → [1,0], time signature 3 → [1,0], then the 15 raw columns.
    expect([...x.data.subarray(0, 7)]).toEqual([1, 0, 0, 1, 0, 1, 0]);
    expect(x.cols).toBe(7 + 15);
    expect(x.data[7 + TRACK_NUMERIC_COLUMNS.indexOf("tempo")]).toBe(90);
  });

  it("takes the seed's 15 raw columns for trees, forests and KNN", () => {
    expect(featureNames(SEED_RAW_FEATURES)).toEqual([...TRACK_NUMERIC_COLUMNS]);
    expect(designMatrix(t, SEED_RAW_FEATURES, [2, 0]).data[TRACK_NUMERIC_COLUMNS.indexOf("key")]).toBe(11);
  });

  it("rejects a category it was not given", () => {
    const spec = { oneHot: [{ column: "key" as const, categories: [0, 5] }], raw: [] };
    expect(() => designMatrix(t, spec, [2])).toThrow(/key = 11 at row 2/);
  });
});

describe("StandardScaler", () => {
  it("centres and divides by the population standard deviation; a constant column keeps scale 1", () => {
    // Column 0: 1, 2, 3 → mean 2, population sd √(2/3). Column 1 constant 5.
    const scaler = fitScaler({ data: Float64Array.from([1, 5, 2, 5, 3, 5]), rows: 3, cols: 2 });
    expect(scaler.mean).toEqual([2, 5]);
    expect(scaler.scale[0]).toBeCloseTo(Math.sqrt(2 / 3), 15);
    expect(scaler.scale[1]).toBe(1);
    const z = applyScaler(scaler, { data: Float64Array.from([3, 5]), rows: 1, cols: 2 });
    expect(z.data[0]).toBeCloseTo(1 / Math.sqrt(2 / 3), 12);
    expect(z.data[1]).toBe(0);
  });
});

describe("LabelEncoder", () => {
  it("sorts classes and codes each label by its index", () => {
    const { classes, codes } = encodeLabels(["rock", "jazz", "rock", "pop"]);
    expect(classes).toEqual(["jazz", "pop", "rock"]);
    expect([...codes]).toEqual([2, 0, 2, 1]);
    expect(() => encodeLabels(["metal"], classes)).toThrow(/"metal" is not one of the 3 classes/);
  });
});
