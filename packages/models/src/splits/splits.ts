import { Random } from "../random.ts";
import { type RowSplit, trainValidationTestSplit } from "./three-way.ts";

/**
 * Row indices of the three parts of a split. Rows are in shuffled order, as sklearn leaves them, so an
 * unshuffled k-fold over `train` (the seed's cross-validation) cuts random folds, not blocks of one genre.
 */
export interface Split extends RowSplit {
  protocol: "seed-random" | "track-grouped";
  seed: number;
}

/**
 * The seed's protocol: `train_test_split(test_size=0.2)` then `train_test_split(test_size=0.25)` on the
 * rest, 60/20/20 with sklearn's sizes. Our shuffle is our own seeded one, so the rows differ from the
 * seed's numpy shuffle; the protocol does not.
 */
export function seedRandomSplit(n: number, seed = 42): Split {
  return { protocol: "seed-random", seed, ...trainValidationTestSplit(n, seed) };
}

/**
 * The leakage-free protocol: every track_id (and so every copy of a track listed under several genres,
 * and every duplicate row) lands in exactly one part. Groups are shuffled and dealt to test until it
 * holds 20 % of the rows, then to validation until 20 %, and the rest train. Each part lists its rows
 * group by group in the shuffled group order.
 */
export function groupedSplit(groups: readonly string[], seed = 42): Split {
  const members = new Map<string, number[]>();
  groups.forEach((group, row) => {
    const list = members.get(group);
    if (list) list.push(row);
    else members.set(group, [row]);
  });
  const keys = [...members.keys()].sort();
  new Random(seed).shuffle(keys);
  const n = groups.length;
  const parts: number[][] = [[], [], []];
  const targets = [Math.ceil(0.2 * n), Math.ceil(0.2 * n)];
  let part = 0;
  for (const key of keys) {
    while (part < 2 && (parts[part] as number[]).length >= (targets[part] as number)) part++;
    (parts[part] as number[]).push(...(members.get(key) as number[]));
  }
  return {
    protocol: "track-grouped",
    seed,
    test: Int32Array.from(parts[0] as number[]),
    validation: Int32Array.from(parts[1] as number[]),
    train: Int32Array.from(parts[2] as number[]),
  };
}
