import { Buffer } from "node:buffer";
import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { takeRows } from "../../src/matrix.ts";
import { Random } from "../../src/random.ts";
import { exportedForest } from "../../src/results/export-schemas.ts";
import {
  type EncodedForest,
  fromBase64,
  LEAF,
  packUnsigned,
  unpackUnsigned,
} from "../../src/tree/forest-codec.ts";
import { encodeForest, leafCounts } from "../../src/tree/forest-export.ts";
import { CompactForest } from "../../src/tree/forest-inference.ts";
import { ForestModel, RandomForestClassifier } from "../../src/tree/index.ts";
import { randomDataset } from "./fixtures.ts";

const range = (from: number, to: number) => Int32Array.from({ length: to - from }, (_, i) => from + i);

/** Trains on the first `train` rows and returns the forest and the held-out rows. */
async function trained(options: {
  rows: number;
  train: number;
  classes: number;
  trees: number;
  depth: number | null;
}) {
  const data = randomDataset(11, options.rows, 6, options.classes, 2);
  const forest = await new RandomForestClassifier({
    nEstimators: options.trees,
    maxDepth: options.depth,
    randomState: 3,
    workers: 1,
  }).fit(takeRows(data.X, range(0, options.train)), data.y.subarray(0, options.train), options.classes);
  return { forest, heldOut: takeRows(data.X, range(options.train, options.rows)) };
}

/** Through JSON and the result schema, as the browser gets it. */
const roundTrip = (encoded: EncodedForest) =>
  CompactForest.decode(
    exportedForest.shape.forest.parse(JSON.parse(JSON.stringify(encoded))) as EncodedForest,
  );

describe("the compact forest export", () => {
  it("predicts exactly the trained forest's probabilities on held-out rows", async () => {
    const { forest, heldOut } = await trained({
      rows: 1500,
      train: 1000,
      classes: 7,
      trees: 15,
      depth: null,
    });
    const encoded = encodeForest(forest.model);
    const compact = roundTrip(encoded);
    expect(compact.nTrees).toBe(15);
    const expected = forest.predictProba(heldOut);
    // Bit for bit: every double equal, not just close.
    expect(Array.from(compact.predictProba(heldOut.data, heldOut.rows))).toEqual(Array.from(expected));
    expect(Array.from(compact.predict(heldOut.data, heldOut.rows))).toEqual(
      Array.from(forest.predict(heldOut)),
    );
    // Deep trees on 2-decimal features: mixed leaves are rare but present, small counts fit one byte.
    expect(encoded.countBytes).toBe(1);
  });

  it("keeps large leaf counts exact (shallow trees, two-byte counts) and can keep the first trees only", async () => {
    const { forest, heldOut } = await trained({ rows: 3000, train: 2400, classes: 4, trees: 9, depth: 2 });
    const encoded = encodeForest(forest.model, 5);
    expect(encoded.countBytes).toBe(2);
    expect(encoded.nodes).toHaveLength(5);
    const firstFive = new ForestModel(forest.model.trees.slice(0, 5));
    expect(Array.from(roundTrip(encoded).predictProba(heldOut.data, heldOut.rows))).toEqual(
      Array.from(firstFive.predictProba(heldOut)),
    );
  });

  it("stores a byte per node, two per split and a byte plus a count per leaf class", async () => {
    const { forest } = await trained({ rows: 1500, train: 1000, classes: 7, trees: 15, depth: null });
    const encoded = encodeForest(forest.model);
    let nodes = 0;
    let splits = 0;
    let leaves = 0;
    let entries = 0;
    for (const { arrays } of forest.model.trees) {
      nodes += arrays.left.length;
      splits += arrays.left.filter((l) => l !== -1).length;
      leaves += arrays.value.length / 7;
      entries += arrays.value.filter((v) => v !== 0).length;
    }
    const base64Length = (bytes: number) => 4 * Math.ceil(bytes / 3);
    expect(encoded.feature.length).toBe(base64Length(nodes));
    expect(encoded.threshold.length).toBe(base64Length(2 * splits));
    expect(encoded.leafSize.length).toBe(base64Length(leaves));
    expect(encoded.leafClass.length).toBe(base64Length(entries));
    expect(encoded.leafCount.length).toBe(base64Length(entries * encoded.countBytes));
    // The thresholds are listed once per feature, however many nodes use them.
    expect(encoded.thresholds.flat().length).toBeLessThan(splits);
  });

  it("rejects what it cannot encode exactly", async () => {
    const { forest } = await trained({ rows: 300, train: 200, classes: 3, trees: 2, depth: 3 });
    expect(() => encodeForest(forest.model, 3)).toThrow(/trees must be 1..2/);
    expect(() => encodeForest(forest.model, 0)).toThrow(/trees must be 1..2/);
  });
});

describe("leafCounts", () => {
  it("recovers the smallest integer counts whose ratios are the leaf's doubles", () => {
    expect(leafCounts(Float64Array.of(0.75, 0, 0.25), 0, 3)).toEqual([0, 3, 2, 1]);
    expect(leafCounts(Float64Array.of(9, 1 / 3, 2 / 3), 1, 2)).toEqual([0, 1, 1, 2]);
    expect(leafCounts(Float64Array.of(0, 1), 0, 2)).toEqual([1, 1]);
    // 997 / 1000 and 3 / 1000: the search starts near 1 / (3 / 1000) instead of 1.
    expect(leafCounts(Float64Array.of(997 / 1000, 3 / 1000), 0, 2)).toEqual([0, 997, 1, 3]);
  });

  it("throws for a distribution that is no ratio of small integers", () => {
    expect(() => leafCounts(Float64Array.of(Math.PI / 4, 1 - Math.PI / 4), 0, 2, 10_000)).toThrow(
      /not a ratio of integer counts up to 10000/,
    );
    expect(() => leafCounts(Float64Array.of(0, 0), 0, 2)).toThrow(/all-zero/);
  });
});

describe("the codec", () => {
  it("loads in a browser: the decoder imports nothing from Node", async () => {
    for (const file of ["forest-inference.ts", "forest-codec.ts", "predict.ts"]) {
      const source = await readFile(new URL(`../../src/tree/${file}`, import.meta.url), "utf8");
      const imports = [...source.matchAll(/from "([^"]+)"/g)].map((m) => m[1]);
      expect(
        imports.every((path) => path?.startsWith("./")),
        `${file}: ${imports.join(", ")}`,
      ).toBe(true);
    }
  });

  it("decodes base64 as Node's Buffer encodes it, at every padding", () => {
    const rng = new Random(5);
    for (let length = 0; length < 12; length++) {
      const bytes = Uint8Array.from({ length }, () => rng.nextInt(256));
      expect(Array.from(fromBase64(Buffer.from(bytes).toString("base64")))).toEqual(Array.from(bytes));
    }
    expect(() => fromBase64("AB$D", "x")).toThrow(/x: invalid base64 character at 2/);
    expect(() => fromBase64("ABC", "x")).toThrow(/not a multiple of 4/);
    expect(() => fromBase64("A=BC", "x")).toThrow(/invalid base64 character at 1/);
  });

  it("packs unsigned integers little-endian", () => {
    expect(Array.from(packUnsigned([1, 258], 2))).toEqual([1, 0, 2, 1]);
    expect(Array.from(unpackUnsigned(Uint8Array.of(1, 0, 0, 1), 4, "x"))).toEqual([16777217]);
    expect(() => unpackUnsigned(Uint8Array.of(1, 2, 3), 2, "x")).toThrow(/x: 3 bytes/);
  });

  it("refuses corrupt forests with a clear error", async () => {
    const { forest } = await trained({ rows: 300, train: 200, classes: 3, trees: 2, depth: 3 });
    const good = encodeForest(forest.model);
    const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString("base64");
    const features = fromBase64(good.feature);
    expect(() =>
      CompactForest.decode({ ...good, nodes: [...good.nodes.slice(0, 1), (good.nodes[1] ?? 0) + 1] }),
    ).toThrow(/feature codes for/);
    // A leaf where an internal node was: the preorder no longer closes into one tree per count.
    const broken = features.slice();
    broken[0] = LEAF;
    expect(() => CompactForest.decode({ ...good, feature: b64(broken) })).toThrow(/compact forest/);
    expect(() => CompactForest.decode({ ...good, thresholds: good.thresholds.map(() => []) })).toThrow(
      /bad feature .* or threshold index/,
    );
    expect(() =>
      CompactForest.decode({ ...good, leafClass: b64(fromBase64(good.leafClass).fill(9)) }),
    ).toThrow(/bad entry/);
  });
});
