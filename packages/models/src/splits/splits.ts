import { Random } from "../random.ts";

/** Row indices of the three parts of a split, each ascending. */
export interface Split {
  protocol: "seed-random" | "track-grouped";
  seed: number;
  train: Int32Array;
  validation: Int32Array;
  test: Int32Array;
}

const ascending = (values: number[]) => Int32Array.from(values).sort();

/**
 * The seed's protocol: `train_test_split(test_size=0.2)` then `train_test_split(test_size=0.25)` on
 * the rest, giving 60/20/20 with sklearn's sizes (test = ⌈0.2n⌉, validation = ⌈0.25·rest⌉). Our
 * shuffle is our own seeded one, so the rows differ from the seed's numpy shuffle; the protocol does not.
 */
export function seedRandomSplit(n: number, seed = 42): Split {
  const order = new Random(seed).permutation(n);
  const nTest = Math.ceil(0.2 * n);
  const nValidation = Math.ceil(0.25 * (n - nTest));
  return {
    protocol: "seed-random",
    seed,
    test: ascending([...order.subarray(0, nTest)]),
    validation: ascending([...order.subarray(nTest, nTest + nValidation)]),
    train: ascending([...order.subarray(nTest + nValidation)]),
  };
}

/**
 * The leakage-free protocol: every track_id (and so every copy of a track listed under several genres,
 * and every duplicate row) lands in exactly one part. Groups are shuffled and dealt to test until it
 * holds 20 % of the rows, then to validation until 20 %, and the rest train.
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
    test: ascending(parts[0] as number[]),
    validation: ascending(parts[1] as number[]),
    train: ascending(parts[2] as number[]),
  };
}
