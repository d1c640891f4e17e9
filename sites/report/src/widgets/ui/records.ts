/**
 * Reading DuckDB query results into typed values. The widgets' queries name their columns; these helpers
 * check that a result has them and that each value has the expected type, so a changed query or table
 * fails with a message naming the column rather than drawing nonsense.
 */

/** What every query result looks like (the DuckDB client's `QueryResult`, structurally). */
export interface ResultLike {
  columns: readonly { name: string }[];
  rows: readonly (readonly unknown[])[];
}

/** The rows of `result` as objects keyed by column name; throws when one of `names` is missing. */
export function records<K extends string>(result: ResultLike, names: readonly K[]): Record<K, unknown>[] {
  const positions = names.map((name) => {
    const index = result.columns.findIndex((column) => column.name === name);
    if (index < 0) throw new Error(`The query result has no column "${name}".`);
    return index;
  });
  return result.rows.map((row) => {
    const record = {} as Record<K, unknown>;
    names.forEach((name, i) => {
      record[name] = row[positions[i] ?? -1];
    });
    return record;
  });
}

/** A finite number, or an error naming the field. */
export function num(value: unknown, field: string): number {
  if (typeof value !== "number" || !Number.isFinite(value))
    throw new Error(`Expected a number for "${field}", got ${String(value)}.`);
  return value;
}

/** A number, or null for SQL NULL (e.g. the standard deviation of a single value). */
export function numOrNull(value: unknown, field: string): number | null {
  return value === null ? null : num(value, field);
}

/** A string, or an error naming the field. */
export function str(value: unknown, field: string): string {
  if (typeof value !== "string") throw new Error(`Expected text for "${field}", got ${String(value)}.`);
  return value;
}
