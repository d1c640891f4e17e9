import type { TableCell } from "./csv.ts";

export type SortDirection = "ascending" | "descending";

export interface SortKey {
  column: number;
  direction: SortDirection;
}

const collator = new Intl.Collator("en", { numeric: true, sensitivity: "base" });

/** Orders kinds of value so a mixed column (e.g. BIGINT as numbers and digit strings) still sorts consistently. */
function rank(value: TableCell): number {
  if (typeof value === "boolean") return 0;
  if (typeof value === "number") return 1;
  return 2;
}

/** Compares two non-null cells: numbers numerically, text in natural order ("track 2" < "track 10"). */
export function compareCells(a: Exclude<TableCell, null>, b: Exclude<TableCell, null>): number {
  if (typeof a === "number" && typeof b === "number") {
    // NaN sorts after every number.
    if (Number.isNaN(a) || Number.isNaN(b)) return Number(Number.isNaN(a)) - Number(Number.isNaN(b));
    return a - b;
  }
  if (typeof a === "boolean" && typeof b === "boolean") return Number(a) - Number(b);
  if (typeof a === "string" && typeof b === "string") return collator.compare(a, b);
  return rank(a) - rank(b);
}

/**
 * The row order for a sort: indices into `rows`, stable (ties keep their original order), and with NULLs
 * last in both directions, as DuckDB orders them by default.
 */
export function sortedOrder(rows: readonly (readonly TableCell[])[], key: SortKey | undefined): number[] {
  const order = rows.map((_, index) => index);
  if (!key) return order;
  const sign = key.direction === "ascending" ? 1 : -1;
  return order.sort((i, j) => {
    const a = rows[i]?.[key.column] ?? null;
    const b = rows[j]?.[key.column] ?? null;
    if (a === null || b === null) return Number(a === null) - Number(b === null);
    return sign * compareCells(a, b);
  });
}

/** The next sort when a column's header is activated: ascending → descending → original order. */
export function nextSort(current: SortKey | undefined, column: number): SortKey | undefined {
  if (current?.column !== column) return { column, direction: "ascending" };
  return current.direction === "ascending" ? { column, direction: "descending" } : undefined;
}
