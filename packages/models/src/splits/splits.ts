import { stratifiedGroupKFold } from "../metrics/folds.ts";
import { Random } from "../random.ts";
import type { ProtocolName } from "./protocol-names.ts";
import { type RowSplit, trainValidationTestSplit } from "./three-way.ts";

export { PROTOCOLS, type ProtocolName } from "./protocol-names.ts";

/**
 * Row indices of the three parts of a split. Rows are in shuffled order, as sklearn leaves them, so an
 * unshuffled k-fold over `train` (the seed's cross-validation) cuts random folds, not blocks of one genre.
 */
export interface Split extends RowSplit {
  protocol: ProtocolName;
  seed: number;
  /**
   * Each table row's group, which the split keeps whole in one part; every search, encoder and early stop
   * inside the protocol folds by the same groups. `null`: rows are dealt one by one.
   */
  groups: readonly string[] | null;
}

/**
 * The seed's protocol: `train_test_split(test_size=0.2)` then `train_test_split(test_size=0.25)` on the
 * rest, 60/20/20 with sklearn's sizes. Our shuffle is our own seeded one, so the rows differ from the
 * seed's numpy shuffle; the protocol does not.
 */
export function seedRandomSplit(n: number, seed = 42): Split {
  return { protocol: "seed-random", seed, groups: null, ...trainValidationTestSplit(n, seed) };
}

/**
 * Grouped by track_id: every track_id (and so every copy of a track listed under several genres,
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
    groups,
    test: Int32Array.from(parts[0] as number[]),
    validation: Int32Array.from(parts[1] as number[]),
    train: Int32Array.from(parts[2] as number[]),
  };
}

/**
 * Grouped and stratified: each group (a recording) lands whole in one part, and each part holds as nearly the
 * same share of every label (genre) as grouping allows. The groups are dealt to five folds by
 * `StratifiedGroupKFold(5, shuffle=True)`; fold 0 is test, fold 1 validation, folds 2–4 train (60/20/20).
 * Each part then lists its rows group by group in one seeded shuffled order of the groups, so that an
 * unshuffled k-fold over `train` does not cut blocks of one genre (the dataset is sorted by genre).
 */
export function stratifiedGroupedSplit(
  groups: readonly string[],
  labels: ArrayLike<number>,
  protocol: ProtocolName,
  seed = 42,
): Split {
  const rng = new Random(seed);
  const folds = stratifiedGroupKFold(labels, groups, 5, { shuffle: true, rng });
  const keys = [...new Set(groups)].sort();
  rng.shuffle(keys);
  const rank = new Map(keys.map((key, i) => [key, i]));
  // Each row's group rank, looked up once rather than twice per comparison of the sorts below.
  const rowRank = new Int32Array(groups.length);
  for (let row = 0; row < groups.length; row++) rowRank[row] = rank.get(groups[row] as string) as number;
  const ordered = (rows: Int32Array) => {
    const byGroup = Array.from(rows).sort((a, b) => (rowRank[a] as number) - (rowRank[b] as number) || a - b);
    return Int32Array.from(byGroup);
  };
  const [test, validation] = folds as [(typeof folds)[0], (typeof folds)[0]];
  const train = new Set<number>(Array.from({ length: groups.length }, (_, i) => i));
  for (const row of test.test) train.delete(row);
  for (const row of validation.test) train.delete(row);
  return {
    protocol,
    seed,
    groups,
    test: ordered(test.test),
    validation: ordered(validation.test),
    train: ordered(Int32Array.from(train)),
  };
}
