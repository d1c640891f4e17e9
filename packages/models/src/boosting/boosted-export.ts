import { Buffer } from "node:buffer";
import {
  type EncodedBoosted,
  LEAF,
  LEAF_VALUE_BYTES,
  type LeafValueType,
  MAX_TREE_NODES,
} from "./boosted-codec.ts";
import type { FlatBoostedModel } from "./boosted-model.ts";

const base64 = (bytes: Uint8Array) =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString("base64");

/**
 * Encodes a fitted boosted model in the compact form of `boosted-codec.ts`. Throws when a tree has more nodes
 * than a byte can index, a feature more than 255 distinct thresholds, or the model more features than a byte
 * can name. Leaf scores are exact doubles unless `valueType` is "float32" (see boosted-codec.ts).
 */
export function encodeBoosted(model: FlatBoostedModel, valueType: LeafValueType = "float64"): EncodedBoosted {
  const { nFeatures, nClasses, treeStart, feature, threshold, left, right, value } = model;
  if (nFeatures >= LEAF) throw new RangeError(`${nFeatures} features do not fit the one-byte feature code`);
  const trees = treeStart.length - 1;
  const nodes = Array.from(
    { length: trees },
    (_, t) => (treeStart[t + 1] as number) - (treeStart[t] as number),
  );
  const largest = Math.max(0, ...nodes);
  if (largest > MAX_TREE_NODES) throw new RangeError(`a tree has ${largest} nodes, over ${MAX_TREE_NODES}`);

  const tables = Array.from({ length: nFeatures }, () => new Set<number>());
  for (let j = 0; j < feature.length; j++) {
    const f = feature[j] as number;
    if (f >= 0) tables[f]?.add(threshold[j] as number);
  }
  const thresholds = tables.map((set, f) => {
    const sorted = [...set].sort((a, b) => a - b);
    if (sorted.length > 255) throw new RangeError(`feature ${f} has ${sorted.length} thresholds, over 255`);
    return sorted;
  });
  const indexOf = thresholds.map((list) => new Map(list.map((v, i) => [v, i])));

  const codes = new Uint8Array(feature.length);
  const splitThreshold: number[] = [];
  const splitLeft: number[] = [];
  const splitRight: number[] = [];
  const leafValues: number[] = [];
  for (let j = 0; j < feature.length; j++) {
    const f = feature[j] as number;
    if (f < 0) {
      codes[j] = LEAF;
      leafValues.push(value[j] as number);
      continue;
    }
    codes[j] = f;
    splitThreshold.push(indexOf[f]?.get(threshold[j] as number) as number);
    splitLeft.push(left[j] as number);
    splitRight.push(right[j] as number);
  }
  const width = LEAF_VALUE_BYTES[valueType];
  const valueBytes = new Uint8Array(leafValues.length * width);
  const view = new DataView(valueBytes.buffer);
  leafValues.forEach((v, i) => {
    if (width === 8) view.setFloat64(8 * i, v, true);
    else view.setFloat32(4 * i, v, true);
  });
  return {
    nFeatures,
    nClasses,
    baseline: Array.from(model.baseline),
    nodes,
    feature: base64(codes),
    threshold: base64(Uint8Array.from(splitThreshold)),
    thresholds,
    left: base64(Uint8Array.from(splitLeft)),
    right: base64(Uint8Array.from(splitRight)),
    valueType,
    value: base64(valueBytes),
  };
}
