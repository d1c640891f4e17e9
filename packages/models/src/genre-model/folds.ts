import { Random } from "../random.ts";

/**
 * Deals `rows` into `nFolds` folds, keeping rows with equal `groupOf(row)` together: the groups (in first-seen
 * order) are shuffled by a seeded generator and dealt round-robin. Returns each row's fold, in `rows` order.
 */
export function groupFolds(
  rows: ArrayLike<number>,
  groupOf: (row: number) => string,
  nFolds: number,
  seed: number,
): Int32Array {
  if (!Number.isInteger(nFolds) || nFolds < 2) throw new RangeError(`need ≥ 2 folds, got ${nFolds}`);
  const index = new Map<string, number>();
  const groupOfRow = new Int32Array(rows.length);
  for (let r = 0; r < rows.length; r++) {
    const key = groupOf(rows[r] as number);
    let g = index.get(key);
    if (g === undefined) {
      g = index.size;
      index.set(key, g);
    }
    groupOfRow[r] = g;
  }
  if (index.size < nFolds) throw new RangeError(`${index.size} groups cannot fill ${nFolds} folds`);
  const order = new Random(seed).permutation(index.size);
  const foldOfGroup = new Int32Array(index.size);
  for (let p = 0; p < order.length; p++) foldOfGroup[order[p] as number] = p % nFolds;
  return Int32Array.from(groupOfRow, (g) => foldOfGroup[g] as number);
}
