import { Random } from "../random.ts";
import type { TreeGrower } from "./grow.ts";
import type { GrowParams } from "./options.ts";
import type { TreeArrays } from "./tree-model.ts";

/** What a forest needs to grow tree t anywhere (in process or in a worker): the tree's own seed. */
export interface ForestTreeTask {
  tree: number;
  seed: bigint;
}

/**
 * The seed of tree t: 64 bits drawn from `rng.fork(t)`, so tree t is the same whichever worker grows it and
 * in whatever order (a `Random` cannot cross a thread boundary, a bigint can).
 */
export function treeSeed(rng: Random, tree: number): bigint {
  const r = rng.fork(tree);
  const hi = BigInt(r.nextUint32());
  return (hi << 32n) | BigInt(r.nextUint32());
}

/** Bootstrap counts: `rows` draws with replacement from `rows`, as a weight per row (sklearn's bincount). */
export function bootstrapCounts(rng: Random, rows: number): Float64Array {
  const counts = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    const r = rng.nextInt(rows);
    counts[r] = (counts[r] as number) + 1;
  }
  return counts;
}

/** Grows one forest tree: its generator first draws the bootstrap (when on), then the features per node. */
export function growForestTree(
  grower: TreeGrower,
  rows: number,
  params: GrowParams,
  bootstrap: boolean,
  seed: bigint,
): TreeArrays {
  const rng = new Random(seed);
  const weights = bootstrap ? bootstrapCounts(rng, rows) : null;
  return grower.grow(weights, params, rng);
}
