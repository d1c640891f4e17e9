import { type DuckDBConnection, DuckDBInstance } from "@duckdb/node-api";

/**
 * One in-memory DuckDB connection per pipeline run. Threads are pinned so results (and float
 * summation order in aggregates) do not depend on the machine's core count.
 */
export async function openDatabase(threads = 1): Promise<DuckDBConnection> {
  const instance = await DuckDBInstance.create(":memory:", { threads: String(threads) });
  return instance.connect();
}

/** Runs a query and returns its rows as plain JS objects (BIGINT → number when safe, else string). */
export async function queryRows<T = Record<string, unknown>>(
  db: DuckDBConnection,
  sql: string,
): Promise<T[]> {
  const reader = await db.runAndReadAll(sql);
  return reader.getRowObjectsJS().map((row) => {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(row)) out[key] = normalise(value);
    return out as T;
  });
}

function normalise(value: unknown): unknown {
  if (typeof value === "bigint") {
    return value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= BigInt(Number.MIN_SAFE_INTEGER)
      ? Number(value)
      : value.toString();
  }
  return value;
}

/** Quotes a string as a SQL literal. */
export function sqlString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/** Quotes an identifier. */
export function sqlIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
